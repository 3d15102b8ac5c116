import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statesOldFact } from './outdated.ts';

const before = new Date('2026-09-04T18:00:00Z');
const change = { validFrom: new Date('2026-10-02T09:00:00Z') };
const oldJob = { sourceTurnIds: ['t1'] };

test('an episode states an old fact when it summarises the turns the fact came from; profile lines are never marked', () => {
  assert.ok(statesOldFact({ type: 'episodic', sourceTurnIds: ['t1', 't2'], validFrom: before }, oldJob, change), 'an episode of the very turns');
  assert.ok(!statesOldFact({ type: 'episodic', sourceTurnIds: ['t5'], validFrom: before }, oldJob, change), 'another topic');
  assert.ok(!statesOldFact({ type: 'core', sourceTurnIds: ['t1', 't2'], validFrom: before }, oldJob, change), "a profile line: its sources are its whole session");
  assert.ok(!statesOldFact({ type: 'episodic', sourceTurnIds: ['t1'], validFrom: new Date('2026-10-03T00:00:00Z') }, oldJob, change), 'written after the change: it knows');
});
