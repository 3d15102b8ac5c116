import type { Pool, PoolClient } from 'pg';
import { SavepointExecutor, type SqlExecutor, type SqlRow } from './sql-executor.ts';
import { toStoreError } from './sql-error.ts';

async function run(target: Pool | PoolClient, text: string, params?: readonly unknown[]): Promise<SqlRow[]> {
  try {
    const result = await target.query<SqlRow>(text, params ? [...params] : undefined);
    return result.rows;
  } catch (error) {
    throw toStoreError(error, text);
  }
}

/**
 * A pg Pool: plain queries take any connection; a transaction holds one connection until it ends. No insertRows:
 * a server's bulk path would be a multi-row INSERT, which callers fold into a statement of their own (COPY would need
 * a streaming driver on top of pg, and the statement is not what limits an import: BENCHMARKS.md, Ingest).
 */
export class PostgresExecutor implements SqlExecutor {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  query<Row extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]): Promise<Row[]> {
    return run(this.#pool, text, params) as Promise<Row[]>;
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw toStoreError(error, 'connect');
    }
    let broken: Error | undefined;
    try {
      await run(client, 'begin');
      const result = await fn(new SavepointExecutor((text, params) => run(client, text, params)));
      await run(client, 'commit');
      return result;
    } catch (error) {
      try {
        await client.query('rollback');
      } catch (rollbackError) {
        // The connection is broken: destroy it instead of returning it to the pool; the first error wins.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
