import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stem } from './terms.ts';
import { synonyms } from './wordnet.ts';

test('WordNet gives single-word synonyms of the most common sense', () => {
  assert.ok(synonyms('kid').includes('child'), synonyms('kid').join(','));
  assert.ok(!synonyms('kid').some((word) => word.includes(' ') || word.includes('_')));
  assert.deepEqual(synonyms('qwzxv'), []);
});

test('stems join derived forms, numbers stay as written', () => {
  assert.equal(stem('camping'), stem('camp'));
  assert.equal(stem('2023'), '2023');
});
