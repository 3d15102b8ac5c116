// The one seam between the SQL layer and a database driver. Every repository is written against this, so
// PGlite and PostgreSQL share all SQL; only the two small executors differ.

export type SqlRow = Record<string, unknown>;

/** A value insertRows writes: text, a number, an instant, a text array, or null (jsonb columns take JSON text). */
export type SqlValue = string | number | Date | readonly string[] | null;

/** Many rows of one table through an engine's bulk path (COPY on PGlite). */
export type InsertRows = (table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]) => Promise<void>;

export interface SqlExecutor {
  query<Row extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /**
   * Where the engine has a bulk path faster than one INSERT … VALUES statement (PGlite's COPY, ~2× the rows/s):
   * writes rows into a table, all or none, with every constraint checked as for an INSERT; returns nothing (the
   * caller knows what it wrote). Table and column names are the repository's own, never user input. A server has
   * none: its bulk path would be that statement, which a caller folds into its own (one round trip, not three).
   */
  insertRows?: InsertRows;
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
  readonly insertRows?: InsertRows;
  #counter = 0;

  constructor(run: (text: string, params?: readonly unknown[]) => Promise<SqlRow[]>, insertRows?: InsertRows) {
    this.#run = run;
    if (insertRows) this.insertRows = insertRows;
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
