// The store under test for one engine and size, in a place of its own that is removed afterwards: a PGlite
// data directory on disk under the temp folder (the embedded default keeps its data on disk too), or a fresh
// schema in the PostgreSQL database. `reopen` gives a second store over the same data (exact vector scans).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore, type VectorSearchMode } from '../../store/index.ts';
import type { MemoryStore } from '../../store/memory-store.ts';
import { directoryBytes, dropSchema, postgresSize } from './database-size.ts';

export type Engine = 'pglite' | 'postgres';

export interface DatabaseSize {
  bytes: number;
  /** What `bytes` measures, in words, for the report. */
  what: string;
  /** PostgreSQL: the whole database, other schemas included. */
  databaseBytes?: number;
}

export interface EngineStore {
  engine: Engine;
  /** onStatement: see StoreConfig (bench ingest counts statements). */
  create(vectorSearch: VectorSearchMode, onStatement?: (sql: string) => void): MemoryStore;
  /** Call with every store closed. */
  size(): Promise<DatabaseSize>;
  remove(): Promise<void>;
}

export async function engineStore(engine: Engine, postgresUrl: string | undefined): Promise<EngineStore> {
  if (engine === 'pglite') {
    const base = await mkdtemp(join(tmpdir(), 'personavlm-latency-'));
    const dataDir = join(base, 'db');
    return {
      engine,
      create: (vectorSearch, onStatement) => createStore({ engine: 'pglite', dataDir, vectorSearch, ...(onStatement ? { onStatement } : {}) }),
      size: async () => ({ bytes: await directoryBytes(dataDir), what: 'PGlite data directory on disk' }),
      remove: () => rm(base, { recursive: true, force: true }),
    };
  }
  if (!postgresUrl) throw new Error('engineStore: postgres needs a URL');
  const schema = `pv_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  return {
    engine,
    create: (vectorSearch, onStatement) => createStore({ engine: 'postgres', url: postgresUrl, schema, vectorSearch, ...(onStatement ? { onStatement } : {}) }),
    size: async () => {
      const size = await postgresSize(postgresUrl, schema);
      return { bytes: size.schemaBytes, what: `tables + indexes of schema ${schema}`, databaseBytes: size.databaseBytes };
    },
    remove: () => dropSchema(postgresUrl, schema),
  };
}
