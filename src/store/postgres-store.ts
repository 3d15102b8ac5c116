import type pg from 'pg';
import { ConfigError } from '../errors/index.ts';
import { FsBlobStore } from './fs-blob-store.ts';
import { MemoryBlobStore } from './memory-blob-store.ts';
import { PostgresExecutor } from './postgres-executor.ts';
import { SqlMemoryStore, type SqlDriver, type SqlStoreOptions } from './sql-store.ts';
import type { SqlExecutor } from './sql-executor.ts';

export interface PostgresStoreOptions extends Omit<SqlStoreOptions, 'blobs'> {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Image blob directory; omitted: blobs in memory (tests only: the rows outlive them). */
  blobDir?: string;
  /** Schema for every table (created if missing); default the server's search_path. Tests use one per run. */
  schema?: string;
  /** Pool size; default 10. */
  maxConnections?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

class PostgresDriver implements SqlDriver {
  readonly engine = 'postgres' as const;
  readonly #options: PostgresStoreOptions;
  #pool: pg.Pool | null = null;

  constructor(options: PostgresStoreOptions) {
    this.#options = options;
  }

  async connect(): Promise<SqlExecutor> {
    const { url, schema, maxConnections } = this.#options;
    // Loaded here, not at import: a process on the embedded engine never needs the driver (~35 ms of every CLI start).
    const { default: driver } = await import('pg');
    this.#pool = new driver.Pool({
      connectionString: url,
      max: maxConnections ?? 10,
      // Every pooled connection starts in the schema, so no statement needs to name it.
      ...(schema ? { options: `-c search_path=${schema},public` } : {}),
    });
    return new PostgresExecutor(this.#pool);
  }

  async prepare(db: SqlExecutor): Promise<void> {
    if (this.#options.schema) await db.query(`create schema if not exists ${this.#options.schema}`);
  }

  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = null;
    if (pool) await pool.end();
  }
}

/** The server engine: a PostgreSQL connection pool. Same SQL, same schema as PgliteStore. */
export class PostgresStore extends SqlMemoryStore {
  constructor(options: PostgresStoreOptions) {
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
      throw new ConfigError(`Invalid PostgreSQL schema name "${options.schema}": use lowercase letters, digits and _ (at most 63).`);
    }
    const { url: _url, blobDir, schema: _schema, maxConnections: _max, ...rest } = options;
    super(new PostgresDriver(options), { ...rest, blobs: blobDir ? new FsBlobStore(blobDir) : new MemoryBlobStore() });
  }
}
