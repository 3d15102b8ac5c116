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
  if (mode === 'auto') {
    try {
      await db.query('create extension if not exists vector');
    } catch (error) {
      // Not an error for us: no pgvector means the exact-scan path. The reason is kept for `doctor`.
      vectorUnavailableReason = error instanceof Error ? error.message : String(error);
    }
  }
  const probe = await db.query<{ vector: boolean; version: string }>(
    `select to_regtype('vector') is not null as vector, current_setting('server_version') as version`,
  );
  const row = probe[0]!;
  const vector = mode === 'auto' && row.vector === true;
  if (mode === 'auto' && !vector) vectorUnavailableReason ??= 'the vector type is not visible in the search_path';
  return {
    engine,
    vector,
    serverVersion: String(row.version),
    ...(vector ? {} : { vectorUnavailableReason }),
  };
}

/**
 * With pgvector, embeddings get a `vec vector` copy of the float8[] column (filled from it), added here rather
 * than in a migration because it depends on the engine, not on the schema version.
 */
export async function ensureVectorColumn(db: SqlExecutor): Promise<void> {
  const backfill = 'update embeddings set vec = vector::vector where vec is null /* all users: schema maintenance at open */';
  const rows = await db.query(
    `select 1 from information_schema.columns
     where table_schema = current_schema() and table_name = 'embeddings' and column_name = 'vec'`,
  );
  if (rows.length > 0) {
    await db.query(backfill);
    return;
  }
  await db.transaction(async (tx) => {
    await tx.query('alter table embeddings add column if not exists vec vector');
    await tx.query(backfill);
  });
}
