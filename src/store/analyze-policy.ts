import type { SqlExecutor } from './sql-executor.ts';
import { USER_KEYED_TABLES } from './tables.ts';

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
  /** Tables written since the last ANALYZE: only they are analysed (the whole database includes ~60 catalogs). */
  readonly #written = new Set<string>();

  constructor(firstAfter = 200, maxInterval = 20_000) {
    this.#next = firstAfter;
    this.#maxInterval = maxInterval;
  }

  /** Counts the rows a statement wrote (at least one for a write: a multi-row insert counts each row). */
  record(sql: string, affectedRows = 1): void {
    const tables = writtenTables(sql);
    if (tables.length > 0) this.written(affectedRows, tables);
  }

  /** Counts rows written to these tables by a bulk path (COPY), which has no statement text to read. */
  written(rows: number, tables: readonly string[]): void {
    this.#writes += Math.max(1, rows);
    for (const table of tables) this.#written.add(table);
  }

  /**
   * Once per interval, the tables to analyse (written since the last time, in a fixed order), else null; the
   * caller then runs `analyzeStatement` of them outside any transaction.
   */
  due(): string[] | null {
    if (this.#writes < this.#next || this.#written.size === 0) return null;
    this.#next = this.#writes + Math.min(this.#maxInterval, Math.max(200, this.#writes));
    const tables = USER_KEYED_TABLES.filter((table) => this.#written.has(table));
    this.#written.clear();
    return tables;
  }
}

const KNOWN_TABLES: ReadonlySet<string> = new Set(USER_KEYED_TABLES);

/**
 * The user tables a statement of this project writes (`insert into t`, `update t`, `delete from t`, in CTEs too).
 * Names are matched against the schema's own list, so `on conflict … do update set` or `for update` name nothing.
 */
export function writtenTables(sql: string): readonly string[] {
  // Every statement a PGlite store runs passes here; the texts are the repositories' own, so they repeat.
  const known = writtenBy.get(sql);
  if (known) return known;
  const found = new Set<string>();
  for (const match of sql.matchAll(/\b(?:insert\s+into|update|delete\s+from)\s+([a-z_][a-z0-9_]*)/gi)) {
    const table = match[1]!.toLowerCase();
    if (KNOWN_TABLES.has(table)) found.add(table);
  }
  if (writtenBy.size >= 512) writtenBy.clear();
  writtenBy.set(sql, [...found]);
  return writtenBy.get(sql)!;
}

const writtenBy = new Map<string, readonly string[]>();

/** ANALYZE of the named tables only: seconds of catalog sampling saved on a small database (150–470 ms → ~4 ms). */
export function analyzeStatement(tables: readonly string[]): string {
  for (const table of tables) if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new RangeError(`not a table name: ${table}`);
  return `analyze ${tables.join(', ')}`;
}

/**
 * ANALYZE when the planner's picture of a table is off: never analysed, or its size moved by more than a fifth
 * since. Page counts stand for row counts (reading them is a stat of each file, not a scan), so an unchanged
 * database opens without the ANALYZE that cost 0.2–1 s per open at 1k–100k turns.
 */
export async function analyzeIfStale(db: SqlExecutor): Promise<boolean> {
  const tables = await db.query<{ name: string; relpages: number; pages: number }>(
    `select c.relname as name, c.relpages::int as relpages, (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as pages
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind = 'r' and n.nspname = current_schema()`,
  );
  const stale = new Set(tables.filter(({ relpages, pages }) => pages > 0 && (relpages <= 0 || Math.abs(pages - relpages) > Math.max(8, relpages * 0.2))).map(({ name }) => name));
  const analysed = USER_KEYED_TABLES.filter((table) => stale.has(table));
  if (analysed.length > 0) await db.query(analyzeStatement(analysed));
  return analysed.length > 0;
}
