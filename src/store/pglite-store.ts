import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { FsBlobStore } from './fs-blob-store.ts';
import { MemoryBlobStore } from './memory-blob-store.ts';
import { PgliteExecutor } from './pglite-executor.ts';
import { SqlMemoryStore, type SqlDriver, type SqlStoreOptions } from './sql-store.ts';
import type { SqlExecutor } from './sql-executor.ts';

export interface PgliteStoreOptions extends Omit<SqlStoreOptions, 'blobs'> {
  /** Database directory; omitted: an in-memory database that is gone when the store closes. */
  dataDir?: string;
  /** Image blob directory; omitted: blobs in memory (right for an in-memory database, lost on close). */
  blobDir?: string;
}

class PgliteDriver implements SqlDriver {
  readonly engine = 'pglite' as const;
  readonly #dataDir: string | undefined;
  #db: PGlite | null = null;

  constructor(dataDir: string | undefined) {
    this.#dataDir = dataDir;
  }

  async connect(): Promise<SqlExecutor> {
    // pgvector ships inside PGlite as a loadable extension; the store still detects it rather than assume it.
    this.#db = await PGlite.create({ ...(this.#dataDir ? { dataDir: this.#dataDir } : {}), extensions: { vector } });
    return new PgliteExecutor(this.#db);
  }

  async close(): Promise<void> {
    const db = this.#db;
    this.#db = null;
    if (db && !db.closed) await db.close();
  }
}

/** The embedded engine: WASM PostgreSQL in this process, with pgvector. The default store. */
export class PgliteStore extends SqlMemoryStore {
  constructor(options: PgliteStoreOptions = {}) {
    const { dataDir, blobDir, ...rest } = options;
    super(new PgliteDriver(dataDir), { ...rest, blobs: blobDir ? new FsBlobStore(blobDir) : new MemoryBlobStore() });
  }
}
