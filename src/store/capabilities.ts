import type { StoreCapabilities } from './memory-store.ts';
import type { SqlExecutor } from './sql-executor.ts';

export type VectorSearchMode = 'auto' | 'exact';

/**
 * Finds out what this database can do; assumes nothing. pgvector: try to create the extension, then check the
 * type is visible (it may exist in a schema outside search_path). `exact` skips pgvector even where it exists,
 * so the exact-scan path can be tested on an engine that has it.
 */
export async function detectCapabilities(
  db: SqlExecutor,
  engine: StoreCapabilities['engine'],
  mode: VectorSearchMode,
): Promise<Omit<StoreCapabilities, 'schemaVersion'>> {
  let vectorUnavailableReason: string | undefined = mode === 'exact' ? 'exact scan forced by the vectorSearch option' : undefined;
  const probe = (): Promise<{ vector: boolean; version: string }[]> =>
    db.query(`select to_regtype('vector') is not null as vector, current_setting('server_version') as version`);
  // The type visible already (every open after the first): no `create extension`, which takes a lock and a
  // catalog lookup on every open (~30 ms on PGlite).
  let found = await probe();
  if (mode === 'auto' && found[0]?.vector !== true) {
    try {
      await db.query('create extension if not exists vector');
    } catch (error) {
      // Not an error for us: no pgvector means the exact-scan path. The reason is kept for `doctor`.
      vectorUnavailableReason = error instanceof Error ? error.message : String(error);
    }
    found = await probe();
  }
  const row = found[0]!;
  const vector = mode === 'auto' && row.vector === true;
  if (mode === 'auto' && !vector) vectorUnavailableReason ??= 'the vector type is not visible in the search_path';
  return {
    engine,
    vector,
    serverVersion: String(row.version),
    ...(vector ? {} : { vectorUnavailableReason }),
  };
}

/** Whether embeddings has the `vec vector` column (see ensureVectorColumn), and its partial index of empty ones. */
export async function vectorColumnState(db: SqlExecutor): Promise<{ column: boolean; index: boolean }> {
  const rows = await db.query<{ column: boolean; index: boolean }>(
    `select exists (select 1 from pg_attribute where attrelid = to_regclass('embeddings') and attname = 'vec' and not attisdropped) as column,
            to_regclass('embeddings_vec_missing') is not null as index`,
  );
  return rows[0] ?? { column: false, index: false };
}

/**
 * With pgvector, embeddings get a `vec vector` copy of the float8[] column (filled from it), added here rather
 * than in a migration because it depends on the engine, not on the schema version. Rows written without it (a
 * store with `vectorSearch: 'exact'` leaves the copy empty) are filled at the next open; a partial index of the
 * rows still missing it makes that check an empty index lookup instead of a scan of every embedding.
 */
export async function ensureVectorColumn(db: SqlExecutor): Promise<void> {
  const backfill = 'update embeddings set vec = vector::vector where vec is null /* all users: schema maintenance at open */';
  const state = await vectorColumnState(db);
  if (state.column && state.index) {
    await db.query(backfill);
    return;
  }
  await db.transaction(async (tx) => {
    await tx.query('alter table embeddings add column if not exists vec vector');
    await tx.query('create index if not exists embeddings_vec_missing on embeddings (user_id) where vec is null');
    await tx.query(backfill);
  });
}
