import { after, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { runStoreConformance } from '../test/store-conformance.ts';
import { openTestStore } from '../test/test-store.ts';
import { PostgresStore } from './postgres-store.ts';

const url = process.env.PERSONAVLM_TEST_POSTGRES_URL;

if (!url) {
  test('PostgreSQL conformance', { skip: 'PERSONAVLM_TEST_POSTGRES_URL is not set (CI sets it; see src/store/README.md to run a local server)' }, () => {});
} else {
  // One schema per run (and per named database), so parallel runs and test files never collide.
  const run = `pv_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const schemas = new Set<string>();
  const schemaFor = (database?: string): string => {
    const schema = database ? `${run}_${database.toLowerCase().replace(/[^a-z0-9]/g, '_')}`.slice(0, 63) : run;
    schemas.add(schema);
    return schema;
  };
  after(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`);
    } finally {
      await client.end();
    }
  });
  runStoreConformance({
    name: 'PostgreSQL server',
    // The Debian server used here has no pgvector: the exact-scan path. A server with it would differ.
    expectPgvector: process.env.PERSONAVLM_TEST_POSTGRES_PGVECTOR === '1',
    create: ({ database, ...options } = {}) => new PostgresStore({ url, schema: schemaFor(database), ...options }),
    createOther: () => openTestStore(),
  });
}
