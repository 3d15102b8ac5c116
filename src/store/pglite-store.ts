import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { defaults } from '../config/defaults.ts';
import { ConfigError, StoreError } from '../errors/index.ts';
import { resolve } from 'node:path';
import { DirectoryLock } from './directory-lock.ts';
import { FsBlobStore } from './fs-blob-store.ts';
import { MemoryBlobStore } from './memory-blob-store.ts';
import { PgliteExecutor } from './pglite-executor.ts';
import { walPlan } from './pglite-wal.ts';
import { SqlMemoryStore, type SqlDriver, type SqlStoreOptions } from './sql-store.ts';
import type { SqlExecutor } from './sql-executor.ts';
import { USER_KEYED_TABLES } from './tables.ts';

export interface PgliteStoreOptions extends Omit<SqlStoreOptions, 'blobs'> {
  /** Database directory; omitted: an in-memory database that is gone when the store closes. */
  dataDir?: string;
  /** Image blob directory; omitted: blobs in memory (right for an in-memory database, lost on close). */
  blobDir?: string;
  /**
   * A database tarball (from `dumpDataDir()`) to start from instead of running initdb: a new data directory or
   * in-memory database begins as a copy of it. Starting from a copy skips PGlite's slowest step (tests).
   */
  loadDataDir?: Blob;
  /**
   * PostgreSQL's buffer cache inside the WASM heap, MiB (default: config store.pgliteBufferMiB). initdb writes 128 MB, which PGlite allocates
   * and zeroes at every start (~0.2 s and ~120 MB of RSS); the pages it would hold stay in the OS page cache
   * anyway, one read away (`bench ingest` and `bench recall-latency` measured no loss at 16).
   */
  sharedBuffersMiB?: number;
}

class PgliteDriver implements SqlDriver {
  readonly engine = 'pglite' as const;
  readonly #dataDir: string | undefined;
  readonly #loadDataDir: Blob | undefined;
  readonly #lock: DirectoryLock | null;
  readonly #sharedBuffersMiB: number;
  #db: PGlite | null = null;

  constructor(dataDir: string | undefined, loadDataDir: Blob | undefined, sharedBuffersMiB: number) {
    this.#dataDir = dataDir;
    this.#loadDataDir = loadDataDir;
    this.#sharedBuffersMiB = sharedBuffersMiB;
    this.#lock = dataDir ? new DirectoryLock(`${resolve(dataDir)}.lock`) : null;
  }

  async connect(): Promise<SqlExecutor> {
    await this.#lock?.acquire();
    const wal = walPlan(this.#dataDir, this.#loadDataDir !== undefined);
    // pgvector ships inside PGlite as a loadable extension; the store still detects it rather than assume it.
    this.#db = await PGlite.create({
      ...(this.#dataDir ? { dataDir: this.#dataDir } : {}),
      ...(this.#loadDataDir ? { loadDataDir: this.#loadDataDir } : {}),
      extensions: { vector },
      initDbStartParams: wal.initdb,
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${this.#sharedBuffersMiB}MB`, ...wal.start],
    });
    return new PgliteExecutor(this.#db);
  }

  /**
   * Deleted rows linger in PostgreSQL's files: dead tuples in table pages, sampled values in pg_statistic, and the
   * WAL. Rewriting the user tables, refreshing and rewriting the statistics, and retiring the WAL segment that saw the
   * rows (not recycling it) leaves no byte of a deleted user's text in the data directory (tested with a marker
   * string). Costs a rewrite of the whole database, which is what deleting someone for good is worth.
   */
  async scrubDeleted(db: SqlExecutor): Promise<void> {
    if (!this.#dataDir) return; // in memory: nothing was ever on disk
    await db.query('analyze');
    for (const table of [...USER_KEYED_TABLES, 'pg_statistic']) await db.query(`vacuum full ${table}`);
    await db.query('set wal_recycle = off');
    await db.query('checkpoint');
    await db.query('select pg_switch_wal()');
    await db.query('checkpoint');
    await db.query('checkpoint');
  }

  dump(): Promise<Blob> {
    if (!this.#db) throw new StoreError('The store is not open. Call `await store.open()` before dumping it.');
    return this.#db.dumpDataDir('none');
  }

  async close(): Promise<void> {
    const db = this.#db;
    this.#db = null;
    try {
      if (db && !db.closed) await db.close();
    } finally {
      await this.#lock?.release();
    }
  }
}

/** The embedded engine: WASM PostgreSQL in this process, with pgvector. The default store. */
export class PgliteStore extends SqlMemoryStore {
  readonly #driver: PgliteDriver;

  constructor(options: PgliteStoreOptions = {}) {
    const { dataDir, blobDir, loadDataDir, sharedBuffersMiB = defaults.store.pgliteBufferMiB, ...rest } = options;
    if (!Number.isInteger(sharedBuffersMiB) || sharedBuffersMiB < 1 || sharedBuffersMiB > 1024) {
      throw new ConfigError(`sharedBuffersMiB must be a whole number of MiB from 1 to 1024, got ${String(sharedBuffersMiB)}.`);
    }
    const driver = new PgliteDriver(dataDir, loadDataDir, sharedBuffersMiB);
    super(driver, { ...rest, blobs: blobDir ? new FsBlobStore(blobDir) : new MemoryBlobStore() });
    this.#driver = driver;
  }

  /** A tarball of the whole database (not the image blobs): a backup, or a template for `loadDataDir`. */
  dumpDataDir(): Promise<Blob> {
    return this.#driver.dump();
  }
}
