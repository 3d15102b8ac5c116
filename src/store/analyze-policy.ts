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
    if (/\b(insert|update|delete)\b/i.test(sql)) this.#writes += Math.max(1, affectedRows);
  }

  /** True once per interval; the caller then runs ANALYZE outside any transaction. */
  due(): boolean {
    if (this.#writes < this.#next) return false;
    this.#next = this.#writes + Math.min(this.#maxInterval, Math.max(200, this.#writes));
    return true;
  }
}
