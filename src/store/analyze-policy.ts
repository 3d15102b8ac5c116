import type { SqlExecutor } from './sql-executor.ts';

/**
 * PGlite runs no autovacuum, so the planner's statistics stay at "empty table" forever unless someone runs
 * ANALYZE; with them, a join of 2,000 embeddings to their memories was planned as a 2,000 × 2,000 nested loop
 * (2 s instead of 8 ms). This policy runs ANALYZE after a growing number of writes: often while the database is
 * small (cheap), rarely once it is large (ANALYZE samples at most 30,000 rows per table, so its cost levels off).
 * PostgreSQL servers have autovacuum and do not use it.
 */
export class AnalyzePolicy {
  readonly #maxInterval: number;
  #writes = 0;
  #next: number;

  constructor(firstAfter = 200, maxInterval = 20_000) {
    this.#next = firstAfter;
    this.#maxInterval = maxInterval;
  }

  /** Counts the rows a statement wrote (at least one for a write: a multi-row insert counts each row). */
  record(sql: string, affectedRows = 1): void {
    if (/\b(insert|update|delete)\b/i.test(sql)) this.written(affectedRows);
  }

  /** Counts rows written by a bulk path (COPY), which has no statement text to read. */
  written(rows: number): void {
    this.#writes += Math.max(1, rows);
  }

  /** True once per interval; the caller then runs ANALYZE outside any transaction. */
  due(): boolean {
    if (this.#writes < this.#next) return false;
    this.#next = this.#writes + Math.min(this.#maxInterval, Math.max(200, this.#writes));
    return true;
  }
}

/**
 * ANALYZE when the planner's picture of a table is off: never analysed, or its size moved by more than a fifth
 * since. Page counts stand for row counts (reading them is a stat of each file, not a scan), so an unchanged
 * database opens without the ANALYZE that cost 0.2–1 s per open at 1k–100k turns.
 */
export async function analyzeIfStale(db: SqlExecutor): Promise<boolean> {
  const tables = await db.query<{ relpages: number; pages: number }>(
    `select c.relpages::int as relpages, (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as pages
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind = 'r' and n.nspname = current_schema()`,
  );
  const stale = tables.some(({ relpages, pages }) => pages > 0 && (relpages <= 0 || Math.abs(pages - relpages) > Math.max(8, relpages * 0.2)));
  if (stale) await db.query('analyze');
  return stale;
}
