import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgliteStore } from './pglite-store.ts';

test('PGlite runs ANALYZE on open only when the planner has not seen the tables as they are', async () => {
  const root = await mkdtemp(join(tmpdir(), 'personavlm-analyze-'));
  const statements: string[] = [];
  const open = async () => {
    statements.length = 0;
    const store = new PgliteStore({ dataDir: join(root, 'db'), onStatement: (sql) => statements.push(sql.trim().toLowerCase()) });
    await store.open();
    return store;
  };
  try {
    let store = await open();
    const session = await store.sessions.create('ann', new Date('2026-01-01T09:00:00Z'));
    // 100 rows: under the write policy's first ANALYZE, so the planner still thinks the tables are empty.
    await store.turns.appendMany('ann', Array.from({ length: 100 }, (_, i) => ({ sessionId: session.id, role: 'user' as const, text: `turn number ${i} with some words in it`, at: new Date(Date.UTC(2026, 0, 1, 9, 0, i)) })));
    await store.close();
    store = await open();
    const analyze = statements.find((sql) => sql.startsWith('analyze'));
    assert.ok(analyze, 'tables the planner never saw filled are analysed');
    assert.match(analyze, /^analyze [a-z_, ]*\bturns\b/, 'by name: the catalogs are not sampled again');
    await store.close();
    store = await open();
    assert.ok(!statements.some((sql) => sql.startsWith('analyze')), 'an unchanged database opens without ANALYZE');
    await store.close();
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
