import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstConversation } from '../../remember/test-support/locomo.ts';
import { ingestMarkdown, runIngest } from './run-ingest.ts';

test('bench ingest: both paths store every turn; the batched one in a fraction of the statements', async () => {
  const { history } = await firstConversation(3);
  const turns = history.sessions.reduce((sum, session) => sum + session.turns.length, 0);
  const report = await runIngest({ histories: [{ userId: 'conv', history }], engines: ['pglite', 'postgres'] });
  assert.deepEqual(report.skipped, ['postgres: no --postgres-url and no PERSONAVLM_TEST_POSTGRES_URL']);
  const [oneTurn, batched] = report.results;
  assert.deepEqual([oneTurn?.path, batched?.path], ['one turn per transaction', 'batched']);
  assert.equal(oneTurn?.turns, turns);
  assert.equal(batched?.turns, turns);
  // Counted, not timed: a turn alone costs its own transaction (BEGIN, the open session, the turn, COMMIT); a batch
  // of a session's turns, a few statements for all of them.
  assert.ok(oneTurn!.statementsPerTurn >= 4, `one-turn path: ${oneTurn!.statementsPerTurn} statements per turn`);
  assert.ok(batched!.statementsPerTurn <= 1, `batched path: ${batched!.statementsPerTurn} statements per turn`);
  assert.ok(batched!.statementsPerTurn * 4 < oneTurn!.statementsPerTurn, 'batching divides the statements');
  assert.match(ingestMarkdown(report), /\| pglite \| batched \| 58 \|/);
});

test('bench ingest --times: each history imported that many times over, as another user each time, into one database', async () => {
  const { history } = await firstConversation(2);
  const turns = history.sessions.reduce((sum, session) => sum + session.turns.length, 0);
  const report = await runIngest({ histories: [{ userId: 'conv', history }], engines: ['pglite'], times: 3 });
  assert.equal(report.times, 3);
  assert.equal(report.turns, 3 * turns);
  assert.deepEqual(report.results.map((result) => result.turns), [3 * turns, 3 * turns]);
  assert.match(ingestMarkdown(report), /1 LoCoMo conversations imported 3 times over \(3 users\)/);
});
