import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideConsolidation, type ExistingMemory } from './supersession.ts';

const existing: ExistingMemory[] = [
  { id: 'm1', content: 'User likes green tea in the morning.', key: 'morning_drink' },
  { id: 'm2', content: 'User has a golden retriever named Max.', key: 'pet.dog' },
  { id: 'm3', content: 'User lives in Boston.', key: null },
];

test('duplicates are no-ops, whatever the wording noise', () => {
  const same = decideConsolidation({ content: 'user likes green tea in the morning', key: null, category: 'preference' }, existing);
  assert.deepEqual([same.action, 'targetId' in same && same.targetId], ['noop', 'm1']);
  const reworded = decideConsolidation({ content: 'The user likes green tea in the mornings.', key: null, category: 'preference' }, existing);
  assert.equal(reworded.action, 'noop');
});

test('a new value for the same key supersedes the old one', () => {
  const decision = decideConsolidation({ content: 'User now drinks black coffee every morning.', key: 'morning_drink', category: 'preference' }, existing);
  assert.equal(decision.action, 'supersede');
  assert.equal(decision.action === 'supersede' && decision.targetId, 'm1');
});

test('a flipped polarity is a contradiction and supersedes, without any key', () => {
  const decision = decideConsolidation({ content: 'User dislikes green tea in the morning.', key: null, category: 'dislike' }, existing);
  assert.equal(decision.action, 'supersede');
  assert.equal(decision.action === 'supersede' && decision.reason, 'contradiction');
});

test('a correction supersedes the most similar memory; unrelated facts are added', () => {
  const corrected = decideConsolidation({ content: 'Correction: user lives in Chicago, not Boston.', key: null, category: 'correction' }, existing);
  assert.equal(corrected.action === 'supersede' && corrected.targetId, 'm3');
  const unrelatedCorrection = decideConsolidation({ content: 'User is allergic to peanuts.', key: null, category: 'correction' }, existing);
  assert.equal(unrelatedCorrection.action, 'add');
  const added = decideConsolidation({ content: 'User plays the violin.', key: 'instrument', category: 'fact' }, existing);
  assert.equal(added.action, 'add');
  assert.equal(decideConsolidation({ content: 'User plays the violin.', key: null, category: 'fact' }, []).action, 'add');
});
