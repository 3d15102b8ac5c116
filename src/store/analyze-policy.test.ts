import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzePolicy, analyzeStatement, writtenTables } from './analyze-policy.ts';

test('analyze runs after the first writes, then at growing intervals, counting only writes', () => {
  const policy = new AnalyzePolicy(3, 10);
  const dueAfter: number[] = [];
  for (let write = 1; write <= 40; write++) {
    policy.record('select 1 from turns');
    policy.record(write % 2 ? 'insert into turns values (1)' : 'with gone as (delete from jobs returning 1) select 1');
    if (policy.due()) dueAfter.push(write);
  }
  // First at 3 writes; then the interval is max(200, writes) capped at 10 here, so every 10 writes.
  assert.deepEqual(dueAfter, [3, 13, 23, 33]);
});

test('analyze names only the tables written since the last one, in schema order', () => {
  const policy = new AnalyzePolicy(2, 10);
  policy.record('update sessions set closed_at = $3 where user_id = $1');
  policy.written(5, ['turns']);
  assert.deepEqual(policy.due(), ['sessions', 'turns']);
  policy.record('insert into memories (user_id, id) values ($1, $2)');
  assert.equal(policy.due(), null, 'not due before the interval');
  for (let write = 0; write < 10; write++) policy.record('delete from jobs where user_id = $1');
  assert.deepEqual(policy.due(), ['memories', 'jobs']);
  assert.equal(analyzeStatement(['memories', 'jobs']), 'analyze memories, jobs');
  assert.throws(() => analyzeStatement(['turns; drop table users']), /not a table name/);
});

test('the tables a statement writes: CTEs, upserts and row locks read right', () => {
  assert.deepEqual(writtenTables(`with session as (select 1 from sessions where user_id = $1), seq as (
    update users set turn_seq = turn_seq + 1 where user_id = $1 returning turn_seq), bumped as (
    update sessions set turn_count = turn_count + 1 where user_id = $1) insert into turns (user_id) select $1`), ['users', 'sessions', 'turns']);
  assert.deepEqual(writtenTables('insert into users (user_id) values ($1) on conflict (user_id) do update set generation = 1'), ['users']);
  assert.deepEqual(writtenTables('select * from users where user_id = $1 for update'), []);
  assert.deepEqual(writtenTables('select updated_at from memories where user_id = $1'), []);
  assert.deepEqual(writtenTables('DELETE FROM Embeddings where user_id = $1'), ['embeddings']);
});
