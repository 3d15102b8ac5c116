import type { SqlExecutor } from '../sql-executor.ts';

/**
 * Columns an archive carries: every stored column except generated ones (tsvectors are recomputed), the
 * engine-specific pgvector copy `vec` (rebuilt from the float8[] column), the jobs' queue position `seq` (rows are
 * written in queue order and take the importing database's next positions) and the user's `generation` (an import
 * is a new creation: caches of the deleted user must not take it for the old one) and the memories' derived
 * `index_entry` (the recall view derives it again), so archives move between engines and databases.
 */
export async function archiveColumns(db: SqlExecutor, table: string): Promise<string[]> {
  const rows = await db.query<{ column_name: string }>(
    `select column_name from information_schema.columns
     where table_schema = current_schema() and table_name = $1 and is_generated = 'NEVER' and column_name <> 'vec' and not (table_name = 'jobs' and column_name = 'seq') and not (table_name = 'users' and column_name = 'generation') and not (table_name = 'memories' and column_name = 'index_entry')
     order by ordinal_position`,
    [table],
  );
  return rows.map((row) => row.column_name);
}

/**
 * The default of each NOT NULL column that has one (`interruptions` → `0`): an archive written before a migration
 * added such a column has no value for it, and its rows take the default instead of failing the import.
 */
export async function columnDefaults(db: SqlExecutor, table: string): Promise<Map<string, string>> {
  const rows = await db.query<{ column_name: string; column_default: string }>(
    `select column_name, column_default from information_schema.columns
     where table_schema = current_schema() and table_name = $1 and is_nullable = 'NO' and column_default is not null`,
    [table],
  );
  return new Map(rows.map((row) => [row.column_name, row.column_default]));
}
