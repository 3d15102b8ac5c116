// Public surface of the store capability: the port, the two engines, the factory and the blob stores.
import type { MemoryStore } from './memory-store.ts';
import type { StoreLimits } from './limits.ts';
import { PgliteStore } from './pglite-store.ts';
import { PostgresStore } from './postgres-store.ts';
import type { VectorSearchMode } from './capabilities.ts';

export type * from './memory-store.ts';
export type { BlobStore } from './blob-store.ts';
export type { StoreLimits } from './limits.ts';
export type { VectorSearchMode } from './capabilities.ts';
export type { SqlExecutor } from './sql-executor.ts';
export { DEFAULT_STORE_LIMITS } from './limits.ts';
export { FsBlobStore } from './fs-blob-store.ts';
export { MemoryBlobStore } from './memory-blob-store.ts';
export { PgliteStore, type PgliteStoreOptions } from './pglite-store.ts';
export { PostgresStore, type PostgresStoreOptions } from './postgres-store.ts';
export { SqlMemoryStore } from './sql-store.ts';
export { MIGRATIONS } from './migrations/index.ts';

interface CommonStoreConfig {
  blobDir?: string;
  limits?: Partial<StoreLimits>;
  vectorSearch?: VectorSearchMode;
  /** Called with every statement sent (benchmarks count statements per turn). */
  onStatement?: (sql: string) => void;
}

export type StoreConfig =
  | (CommonStoreConfig & { engine: 'pglite'; dataDir?: string; sharedBuffersMiB?: number })
  | (CommonStoreConfig & { engine: 'postgres'; url: string; schema?: string; maxConnections?: number });

/** Builds a store; no I/O happens until `open()`. */
export function createStore(config: StoreConfig): MemoryStore {
  if (config.engine === 'postgres') {
    const { engine: _engine, ...options } = config;
    return new PostgresStore(options);
  }
  const { engine: _engine, ...options } = config;
  return new PgliteStore(options);
}
