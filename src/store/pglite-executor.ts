import type { PGlite, Transaction } from '@electric-sql/pglite';
import { AnalyzePolicy, analyzeStatement } from './analyze-policy.ts';
import { csvRows } from './csv-rows.ts';
import { SavepointExecutor, type InsertRows, type SqlExecutor, type SqlRow } from './sql-executor.ts';
import { toStoreError } from './sql-error.ts';

async function run(target: PGlite | Transaction, text: string, params?: readonly unknown[], policy?: AnalyzePolicy): Promise<SqlRow[]> {
  try {
    const result = await target.query<SqlRow>(text, params ? [...params] : undefined);
    policy?.record(text, result.affectedRows ?? result.rows.length);
    return result.rows;
  } catch (error) {
    throw toStoreError(error, text);
  }
}

/** insertRows on PGlite: one COPY from an in-memory CSV file (csv-rows.ts says why). */
function copyRows(target: PGlite | Transaction, policy: AnalyzePolicy): InsertRows {
  return async (table, columns, rows) => {
    if (rows.length === 0) return;
    const text = `copy ${table} (${columns.join(', ')}) from '/dev/blob' with (format csv)`;
    const blob = new Blob([csvRows(rows, columns.length)]);
    try {
      const result = await target.query(text, [], { blob });
      policy.written(result.affectedRows ?? rows.length, [table]);
    } catch (error) {
      throw toStoreError(error, text);
    }
  };
}

/**
 * PGlite is one connection: its own mutex makes a query issued outside a running transaction wait for it,
 * which is exactly the isolation a pool of connections gives on the server.
 */
export class PgliteExecutor implements SqlExecutor {
  readonly #db: PGlite;
  readonly #analyze = new AnalyzePolicy();
  readonly insertRows: InsertRows;

  constructor(db: PGlite) {
    this.#db = db;
    const copy = copyRows(db, this.#analyze);
    this.insertRows = async (table, columns, rows) => {
      await copy(table, columns, rows);
      await this.#analyzeIfDue();
    };
  }

  async query<Row extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]): Promise<Row[]> {
    const rows = await run(this.#db, text, params, this.#analyze);
    await this.#analyzeIfDue();
    return rows as Row[];
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const result = await this.#db.transaction((tx) => fn(new SavepointExecutor((text, params) => run(tx, text, params, this.#analyze), copyRows(tx, this.#analyze))));
    await this.#analyzeIfDue();
    return result;
  }

  async #analyzeIfDue(): Promise<void> {
    const tables = this.#analyze.due();
    if (tables) await run(this.#db, analyzeStatement(tables));
  }
}
