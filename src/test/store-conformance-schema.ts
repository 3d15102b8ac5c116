import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MIGRATIONS } from '../store/migrations/index.ts';
import type { ConformanceContext } from './store-conformance.ts';

export function schemaCases(ctx: ConformanceContext): void {
  test('every primary key and unique constraint starts with user_id (Citus distribution column)', async () => {
    const rows = await ctx.store().executor().query<{ table_name: string; constraint_type: string; columns: string[] }>(
      `select tc.table_name, tc.constraint_type,
              array_agg(kcu.column_name::text order by kcu.ordinal_position) as columns
       from information_schema.table_constraints tc
       join information_schema.key_column_usage kcu
         on kcu.constraint_schema = tc.constraint_schema and kcu.constraint_name = tc.constraint_name
            and kcu.table_name = tc.table_name
       where tc.table_schema = current_schema() and tc.constraint_type in ('PRIMARY KEY', 'UNIQUE')
       group by tc.table_name, tc.constraint_name, tc.constraint_type`,
    );
    const tables = await ctx.store().executor().query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
    );
    assert.ok(tables.length >= 9, `expected the schema's tables, got ${tables.map((t) => t.table_name).join(', ')}`);
    for (const { table_name: table } of tables) {
      if (table === 'schema_migrations') continue;
      const keys = rows.filter((row) => row.table_name === table);
      assert.ok(keys.some((row) => row.constraint_type === 'PRIMARY KEY'), `${table} has no primary key`);
      for (const key of keys) {
        assert.equal(key.columns[0], 'user_id', `${key.constraint_type} of ${table} is (${key.columns.join(', ')}); it must start with user_id`);
      }
    }
  });

  test('capabilities report the engine, text search and schema version', async () => {
    const capabilities = await ctx.store().capabilities();
    assert.equal(capabilities.schemaVersion, MIGRATIONS.length);
    assert.equal(capabilities.vector, ctx.target.expectPgvector);
    if (!capabilities.vector) assert.ok(capabilities.vectorUnavailableReason, 'a missing pgvector says why');
  });

  test('persons: clusters upsert by id, keep their name, rename needs an existing id', async () => {
    const store = ctx.store();
    const user = ctx.newUserId('persons');
    await assert.rejects(store.persons.upsertMany(user, [{ id: 'person-1', centroid: [1, 0], count: 1 }]), (error: unknown) => (error as { code?: string }).code === 'not_found', 'clustering never creates its user');
    await store.users.ensure(user);
    await store.persons.upsertMany(user, [{ id: 'person-1', centroid: [0.6, 0.8], count: 1 }, { id: 'person-2', centroid: [1, 0], count: 2 }]);
    const named = await store.persons.rename(user, 'person-1', 'Alice');
    assert.equal(named.name, 'Alice');
    await store.persons.upsertMany(user, [{ id: 'person-1', centroid: [0.8, 0.6], count: 2 }]);
    const persons = await store.transaction((tx) => tx.persons.list(user, { lock: true }));
    assert.deepEqual(persons.map((p) => [p.id, p.name, p.centroid, p.count]), [['person-1', 'Alice', [0.8, 0.6], 2], ['person-2', null, [1, 0], 2]]);
    assert.deepEqual(await store.persons.list(ctx.newUserId('nobody')), []);
    await assert.rejects(store.persons.rename(user, 'person-9', 'Bob'), (error: unknown) => (error as { code?: string }).code === 'not_found');
    await assert.rejects(store.persons.upsertMany(user, [{ id: 'alice', centroid: [1], count: 1 }]), (error: unknown) => (error as { code?: string }).code === 'invalid_input');
  });

  test('open() is idempotent', async () => {
    await ctx.store().open();
    const rows = await ctx.store().executor().query<{ n: number }>('select count(*)::int as n from schema_migrations');
    assert.equal(Number(rows[0]!.n), MIGRATIONS.length);
  });
}
