// Database size as each engine can tell it: a PGlite data directory's bytes on disk; for PostgreSQL, the
// tables and indexes of the benchmark's own schema (the database may hold other schemas) and the whole database.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';

export async function directoryBytes(path: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) total += await directoryBytes(full);
    else if (entry.isFile()) total += (await stat(full)).size;
  }
  return total;
}

export interface PostgresSize {
  schemaBytes: number;
  databaseBytes: number;
}

export async function postgresSize(url: string, schema: string): Promise<PostgresSize> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ schema_bytes: string | null; database_bytes: string }>(
      `select (select sum(pg_total_relation_size(c.oid)) from pg_class c join pg_namespace n on n.oid = c.relnamespace
               where n.nspname = $1 and c.relkind in ('r', 'm')) as schema_bytes,
              pg_database_size(current_database()) as database_bytes`,
      [schema],
    );
    const row = result.rows[0]!;
    return { schemaBytes: Number(row.schema_bytes ?? 0), databaseBytes: Number(row.database_bytes) };
  } finally {
    await client.end();
  }
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
