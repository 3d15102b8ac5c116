import type { PGlite, Transaction } from '@electric-sql/pglite';
import { AnalyzePolicy } from './analyze-policy.ts';
import { SavepointExecutor, type SqlExecutor, type SqlRow } from './sql-executor.ts';
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

/**
 * PGlite is one connection: its own mutex makes a query issued outside a running transaction wait for it,
 * which is exactly the isolation a pool of connections gives on the server.
 */
export class PgliteExecutor implements SqlExecutor {
  readonly #db: PGlite;
  readonly #analyze = new AnalyzePolicy();

  constructor(db: PGlite) {
    this.#db = db;
  }

  async query<Row extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]): Promise<Row[]> {
    const rows = await run(this.#db, text, params, this.#analyze);
    await this.#analyzeIfDue();
    return rows as Row[];
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const result = await this.#db.transaction((tx) => fn(new SavepointExecutor((text, params) => run(tx, text, params, this.#analyze))));
    await this.#analyzeIfDue();
    return result;
  }

  async #analyzeIfDue(): Promise<void> {
    if (this.#analyze.due()) await run(this.#db, 'analyze');
  }
}
