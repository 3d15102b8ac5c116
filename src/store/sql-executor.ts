// The one seam between the SQL layer and a database driver. Every repository is written against this, so
// PGlite and PostgreSQL share all SQL; only the two small executors differ.

export type SqlRow = Record<string, unknown>;

export interface SqlExecutor {
  query<Row extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /**
   * Runs fn inside one transaction. Called on an executor that is already inside a transaction, it opens a
   * savepoint instead, so a repository method that needs atomicity composes with `store.transaction()`.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

/**
 * Executor for a connection that is already inside a transaction: nesting becomes a savepoint. Work inside one
 * transaction runs in sequence (one connection), so savepoints never interleave.
 */
export class SavepointExecutor implements SqlExecutor {
  readonly #run: (text: string, params?: readonly unknown[]) => Promise<SqlRow[]>;
  #counter = 0;

  constructor(run: (text: string, params?: readonly unknown[]) => Promise<SqlRow[]>) {
    this.#run = run;
  }

  query<Row extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]): Promise<Row[]> {
    return this.#run(text, params) as Promise<Row[]>;
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const name = `sp_${++this.#counter}`;
    await this.#run(`savepoint ${name}`);
    try {
      const result = await fn(this);
      await this.#run(`release savepoint ${name}`);
      return result;
    } catch (error) {
      await this.#run(`rollback to savepoint ${name}`);
      throw error;
    }
  }
}
