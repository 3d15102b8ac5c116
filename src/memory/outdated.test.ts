import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statesOldFact } from './outdated.ts';

const before = new Date('2026-09-04T18:00:00Z');
const change = { content: 'User has worked as a data scientist at Solaris Energy in Lisbon since 28 September 2026, having left Acme Robotics.', validFrom: new Date('2026-10-02T09:00:00Z') };
const oldJob = { content: 'User works as a mechanical engineer at Acme Robotics in Porto.', sourceTurnIds: ['t1'] };
const memory = (type: 'core' | 'episodic', content: string, sourceTurnIds: string[] = ['t9']) => ({ type, content, sourceTurnIds, validFrom: before });

test('a memory states the old fact when it shares its dropped words, not a lone place name or the same session', () => {
  assert.ok(statesOldFact(memory('core', 'Occupation: Mechanical engineer at Acme Robotics'), oldJob, change), 'the occupation line');
  assert.ok(!statesOldFact(memory('core', 'Residence: Small flat near the river in Porto'), oldJob, change), 'shares only "Porto" with the old job');
  assert.ok(!statesOldFact(memory('core', 'Name: Maya', ['t1', 't2']), oldJob, change), "a profile line's sources are its whole session: not evidence");
  assert.ok(statesOldFact(memory('episodic', 'Maya introduced herself.', ['t1', 't2']), oldJob, change), 'an episode of the very turns');
  assert.ok(!statesOldFact({ ...memory('core', 'Occupation: Mechanical engineer'), validFrom: new Date('2026-10-03T00:00:00Z') }, oldJob, change), 'written after the change: it knows');
  const drink = { content: 'User drinks espresso.', sourceTurnIds: ['t3'] };
  const matcha = { content: 'User drinks matcha.', validFrom: change.validFrom };
  assert.ok(statesOldFact(memory('core', 'Preferences: hiking; espressos'), drink, matcha), 'one dropped word: one shared word is enough');
});
