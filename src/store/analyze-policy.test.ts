import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzePolicy } from './analyze-policy.ts';

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
