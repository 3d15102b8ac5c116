import { analyzeIfStale } from './analyze-policy.ts';
import { StoreError } from '../errors/index.ts';
import type { BlobStore } from './blob-store.ts';
import { sweepForgottenMemoryViews } from './repositories/memory-view-repository.ts';
import { detectCapabilities, ensureVectorColumn, vectorColumnState, type VectorSearchMode } from './capabilities.ts';
import { exportUser } from './archive/export-user.ts';
import { importUser } from './archive/import-user.ts';
import { DEFAULT_STORE_LIMITS, type StoreLimits } from './limits.ts';
import type { ExportReport, ImportReport, MemoryStore, StoreCapabilities } from './memory-store.ts';
import { MIGRATIONS, migrate, type Migration } from './migrations/index.ts';
import { createRepositories } from './repositories/index.ts';
import type { InsertRows, SqlExecutor } from './sql-executor.ts';
import { withExecutor, type StoreContext } from './store-context.ts';

/** How a store reaches its database: the only part that differs between PGlite and PostgreSQL. */
export interface SqlDriver {
  readonly engine: StoreCapabilities['engine'];
  connect(): Promise<SqlExecutor>;
  /** Runs before migrations (e.g. creating the schema a connection string points at). */
  prepare?(db: SqlExecutor): Promise<void>;
  /** After a user's rows are deleted: make their content unrecoverable from the engine's own files (embedded engine). */
  scrubDeleted?(db: SqlExecutor): Promise<void>;
  close(): Promise<void>;
}

export interface SqlStoreOptions {
  blobs: BlobStore;
  limits?: Partial<StoreLimits>;
  /** 'exact' never uses pgvector, even where it exists (tests both search paths on one engine). Default 'auto'. */
  vectorSearch?: VectorSearchMode;
  /** Migrations to apply; tests pass a prefix to build an older database. Default: all. */
  migrations?: readonly Migration[];
  /** Called with every statement sent to the database, transaction control included (benchmarks, tests count them). */
  onStatement?: (sql: string) => void;
}

type Repositories = ReturnType<typeof createRepositories>;

/** Binds repositories, transactions and archives to a context; shared by the store and its transactions. */
function bindStore(context: StoreContext, lifecycle: Pick<MemoryStore, 'open' | 'close'>): MemoryStore {
  const repositories: Repositories = createRepositories(context);
  const store: MemoryStore = {
    ...repositories,
    open: lifecycle.open,
    close: lifecycle.close,
    capabilities: async () => context.capabilities,
    transaction: <T>(fn: (store: MemoryStore) => Promise<T>): Promise<T> =>
      context.db.transaction((tx) => fn(bindStore(withExecutor(context, tx), insideTransaction))),
    exportUser: (userId: string, directory: string): Promise<ExportReport> => exportUser(context, userId, directory),
    importUser: (directory: string, options?: { asUserId?: string }): Promise<ImportReport> => importUser(context, directory, options),
  };
  return store;
}

const insideTransaction: Pick<MemoryStore, 'open' | 'close'> = {
  open: async () => {},
  close: async () => {
    throw new StoreError('close() was called inside store.transaction(); close the store after the transaction ends.');
  },
};

function countingInsert(insertRows: InsertRows, onStatement: (sql: string) => void): InsertRows {
  return (table, columns, rows) => {
    onStatement(`insert rows into ${table}`);
    return insertRows(table, columns, rows);
  };
}

/** Reports each statement, and BEGIN/COMMIT (or a savepoint and its release) around each transaction. */
function countingExecutor(db: SqlExecutor, onStatement: (sql: string) => void): SqlExecutor {
  const insertRows = db.insertRows;
  return {
    query: (text, params) => {
      onStatement(text);
      return db.query(text, params);
    },
    ...(insertRows ? { insertRows: countingInsert(insertRows, onStatement) } : {}),
    transaction: (fn) => {
      onStatement('begin');
      return db.transaction((tx) => fn(countingExecutor(tx, onStatement))).finally(() => onStatement('commit'));
    },
  };
}

/** The one SQL implementation of MemoryStore. Constructing it does no I/O; open() connects and migrates. */
export class SqlMemoryStore implements MemoryStore {
  readonly #driver: SqlDriver;
  readonly #options: SqlStoreOptions;
  #db: SqlExecutor | null = null;
  #capabilities: StoreCapabilities | null = null;
  #vectorColumn = false;
  #opening: Promise<void> | null = null;
  readonly #context: StoreContext;
  readonly #bound: MemoryStore;

  constructor(driver: SqlDriver, options: SqlStoreOptions) {
    this.#driver = driver;
    this.#options = options;
    const notOpen = (): never => {
      throw new StoreError('The store is not open. Call `await store.open()` before using it.');
    };
    const db = (): SqlExecutor => this.#db ?? notOpen();
    const capabilities = (): StoreCapabilities => this.#capabilities ?? notOpen();
    const vectorColumn = (): boolean => this.#vectorColumn;
    this.#context = {
      get db() { return db(); },
      get capabilities() { return capabilities(); },
      get vectorColumn() { capabilities(); return vectorColumn(); },
      blobs: options.blobs,
      limits: { ...DEFAULT_STORE_LIMITS, ...options.limits },
      ...(driver.scrubDeleted ? { scrubDeleted: () => driver.scrubDeleted!(db()) } : {}),
    };
    this.#bound = bindStore(this.#context, { open: () => this.open(), close: () => this.close() });
  }

  get users(): MemoryStore['users'] { return this.#bound.users; }
  get sessions(): MemoryStore['sessions'] { return this.#bound.sessions; }
  get turns(): MemoryStore['turns'] { return this.#bound.turns; }
  get images(): MemoryStore['images'] { return this.#bound.images; }
  get memories(): MemoryStore['memories'] { return this.#bound.memories; }
  get search(): MemoryStore['search'] { return this.#bound.search; }
  get embeddings(): MemoryStore['embeddings'] { return this.#bound.embeddings; }
  get personality(): MemoryStore['personality'] { return this.#bound.personality; }
  get persons(): MemoryStore['persons'] { return this.#bound.persons; }
  get jobs(): MemoryStore['jobs'] { return this.#bound.jobs; }
  get recallViews(): MemoryStore['recallViews'] { return this.#bound.recallViews; }
  get memoryViews(): MemoryStore['memoryViews'] { return this.#bound.memoryViews; }

  open(): Promise<void> {
    this.#opening ??= this.#open().catch(async (error: unknown) => {
      this.#opening = null;
      this.#db = null;
      await this.#driver.close();
      throw error;
    });
    return this.#opening;
  }

  async #open(): Promise<void> {
    const connected = await this.#driver.connect();
    const db = this.#options.onStatement ? countingExecutor(connected, this.#options.onStatement) : connected;
    await this.#driver.prepare?.(db);
    const mode = this.#options.vectorSearch ?? 'auto';
    const detected = await detectCapabilities(db, this.#driver.engine, mode);
    const schemaVersion = await migrate(db, this.#options.migrations ?? MIGRATIONS);
    if (detected.vector && schemaVersion >= 2) await ensureVectorColumn(db);
    this.#vectorColumn = detected.vector ? schemaVersion >= 2 : schemaVersion >= 2 && (await vectorColumnState(db)).column;
    // Fresh statistics for the planner (PGlite has no autovacuum; see AnalyzePolicy), when they are stale only.
    if (this.#driver.engine === 'pglite') await analyzeIfStale(db);
    // Saved memory views a forget marked but whose process died before deleting the file (memory-view-repository.ts).
    if (schemaVersion >= 16) await sweepForgottenMemoryViews({ db, blobs: this.#options.blobs });
    this.#capabilities = { ...detected, schemaVersion };
    this.#db = db;
  }

  capabilities(): Promise<StoreCapabilities> { return this.#bound.capabilities(); }

  /** Raw SQL access for admin tools and conformance tests; bypasses validation and tenant scoping. */
  executor(): SqlExecutor {
    return this.#context.db;
  }

  transaction<T>(fn: (store: MemoryStore) => Promise<T>): Promise<T> { return this.#bound.transaction(fn); }

  exportUser(userId: string, directory: string): Promise<ExportReport> { return this.#bound.exportUser(userId, directory); }

  importUser(directory: string, options?: { asUserId?: string }): Promise<ImportReport> { return this.#bound.importUser(directory, options); }

  async close(): Promise<void> {
    const opening = this.#opening;
    this.#opening = null;
    this.#db = null;
    this.#capabilities = null;
    if (opening) {
      await opening.catch(() => undefined);
      await this.#driver.close();
    }
  }
}
