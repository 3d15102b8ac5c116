import { StoreError } from '../../errors/index.ts';
import type { SqlExecutor } from '../sql-executor.ts';
import type { Migration } from './migration.ts';

// Any constant works; it keeps two processes opening the same database from migrating at once.
const MIGRATION_LOCK = 7_346_211;

/** Applies pending migrations in one transaction and returns the schema version. Idempotent. */
export async function migrate(db: SqlExecutor, migrations: readonly Migration[]): Promise<number> {
  const known = migrations.at(-1)?.version ?? 0;
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`);
    const rows = await tx.query<{ version: number }>('select version from schema_migrations order by version');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const newest = Math.max(0, ...applied);
    if (newest > known) {
      throw new StoreError(
        `The database schema is version ${newest}, newer than this personavlm, which knows up to ${known}. Upgrade personavlm; never open a newer database with older code.`,
        { details: { databaseVersion: newest, codeVersion: known } },
      );
    }
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
    }
    return known;
  });
}
