import type { PGlite, Transaction } from '@electric-sql/pglite';
import { SavepointExecutor, type SqlExecutor, type SqlRow } from './sql-executor.ts';
import { toStoreError } from './sql-error.ts';

async function run(target: PGlite | Transaction, text: string, params?: readonly unknown[]): Promise<SqlRow[]> {
  try {
    const result = await target.query<SqlRow>(text, params ? [...params] : undefined);
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

  constructor(db: PGlite) {
    this.#db = db;
  }

  query<Row extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]): Promise<Row[]> {
    return run(this.#db, text, params) as Promise<Row[]>;
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.#db.transaction((tx) => fn(new SavepointExecutor((text, params) => run(tx, text, params))));
  }
}
