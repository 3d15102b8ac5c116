// One conformance suite for every MemoryStore engine (PGlite, PostgreSQL), in the spirit of Drizzle's shared
// Postgres suite: each engine's test file calls runStoreConformance with a factory, and every case runs on it.
import { after, before, describe } from 'node:test';
import { randomUUID } from 'node:crypto';
import type { Migration } from '../store/migrations/index.ts';
import type { SqlMemoryStore } from '../store/sql-store.ts';
import type { VectorSearchMode } from '../store/capabilities.ts';
import { archiveCases } from './store-conformance-archive.ts';
import { crudCases } from './store-conformance-crud.ts';
import { embeddingCases } from './store-conformance-embeddings.ts';
import { isolationCases } from './store-conformance-isolation.ts';
import { jobCases } from './store-conformance-jobs.ts';
import { lifecycleCases } from './store-conformance-lifecycle.ts';
import { schemaCases } from './store-conformance-schema.ts';
import { vectorCases } from './store-conformance-search.ts';

export interface StoreOptions {
  /** Names a database: two stores created with the same name share it (reopen tests). Default: a new one. */
  database?: string;
  migrations?: readonly Migration[];
  vectorSearch?: VectorSearchMode;
}

export interface ConformanceTarget {
  name: string;
  /** A store on a new, empty database (or the named one); opened or not (open() is idempotent). */
  create(options?: StoreOptions): SqlMemoryStore | Promise<SqlMemoryStore>;
  /** Another engine's store, for archive round trips across engines; omitted: the same engine. */
  createOther?: () => SqlMemoryStore | Promise<SqlMemoryStore>;
  /** What the vector path is expected to be on this target's default store. */
  expectPgvector: boolean;
}

export interface ConformanceContext {
  target: ConformanceTarget;
  /** The shared store of this run, opened before the first case. Cases isolate themselves by user id. */
  store(): SqlMemoryStore;
  newUserId(prefix?: string): string;
}

function context(target: ConformanceTarget, options?: StoreOptions): { ctx: ConformanceContext; open(): Promise<void>; close(): Promise<void> } {
  let store: SqlMemoryStore | null = null;
  const ctx: ConformanceContext = {
    target,
    store: () => {
      if (!store) throw new Error('conformance store used before before() ran');
      return store;
    },
    newUserId: (prefix = 'user') => `${prefix}-${randomUUID().slice(0, 8)}`,
  };
  return {
    ctx,
    open: async () => {
      store = await target.create(options);
      await store.open();
    },
    close: async () => {
      await store?.close();
    },
  };
}

/** Every case, against one shared store per run (opening a database costs seconds). */
export function runStoreConformance(target: ConformanceTarget): void {
  describe(`MemoryStore conformance: ${target.name}`, () => {
    const run = context(target);
    before(run.open);
    after(run.close);
    schemaCases(run.ctx);
    crudCases(run.ctx);
    lifecycleCases(run.ctx);
    vectorCases(run.ctx, target.expectPgvector ? 'pgvector' : 'exact');
    isolationCases(run.ctx);
    embeddingCases(run.ctx);
    jobCases(run.ctx);
    archiveCases(run.ctx);
  });
}

/** Only the vector cases, on a store forced to the exact-scan path (PGlite has pgvector, so it needs forcing). */
export function runExactVectorConformance(target: ConformanceTarget): void {
  describe(`MemoryStore vector search, exact scan forced: ${target.name}`, () => {
    const run = context(target, { vectorSearch: 'exact' });
    before(run.open);
    after(run.close);
    vectorCases(run.ctx, 'exact');
  });
}
