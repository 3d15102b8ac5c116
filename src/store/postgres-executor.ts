import type { Pool, PoolClient } from 'pg';
import { SavepointExecutor, type InsertRows, type SqlExecutor, type SqlRow, type SqlValue } from './sql-executor.ts';
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
 * insertRows on a server: one multi-row INSERT (the parameters' types come from the columns). COPY would need a
 * streaming driver on top of pg, and here the statement is not what limits an import (BENCHMARKS.md, Ingest).
 */
function insertRowsInto(target: Pool | PoolClient): InsertRows {
  return async (table, columns, rows) => {
    if (rows.length === 0) return;
    const params: SqlValue[] = [];
    const tuples = rows.map((row) => {
      if (row.length !== columns.length) throw new RangeError(`insertRows: a row of ${row.length} values for ${columns.length} columns`);
      return `(${row.map((value) => `$${params.push(value)}`).join(', ')})`;
    });
    await run(target, `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`, params);
  };
}

/** A pg Pool: plain queries take any connection; a transaction holds one connection until it ends. */
export class PostgresExecutor implements SqlExecutor {
  readonly #pool: Pool;

  readonly insertRows: InsertRows;

  constructor(pool: Pool) {
    this.#pool = pool;
    this.insertRows = insertRowsInto(pool);
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
      const result = await fn(new SavepointExecutor((text, params) => run(client, text, params), insertRowsInto(client)));
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
