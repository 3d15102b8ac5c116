import type { SqlExecutor } from '../sql-executor.ts';

/**
 * Columns an archive carries: every stored column except generated ones (tsvectors are recomputed), the
 * engine-specific pgvector copy `vec` (rebuilt from the float8[] column), the jobs' queue position `seq` (rows are
 * written in queue order and take the importing database's next positions) and the user's `generation` (an import
 * is a new creation: caches of the deleted user must not take it for the old one), so archives move between
 * engines and databases.
 */
export async function archiveColumns(db: SqlExecutor, table: string): Promise<string[]> {
  const rows = await db.query<{ column_name: string }>(
    `select column_name from information_schema.columns
     where table_schema = current_schema() and table_name = $1 and is_generated = 'NEVER' and column_name <> 'vec' and not (table_name = 'jobs' and column_name = 'seq') and not (table_name = 'users' and column_name = 'generation')
     order by ordinal_position`,
    [table],
  );
  return rows.map((row) => row.column_name);
}
