import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editDistance, FUZZY_DEFAULTS, nearWords } from './fuzzy.ts';

test('edit distance counts insertions, deletions and substitutions, and stops past the limit', () => {
  assert.equal(editDistance('festiv', 'fesetiv', 2), 1);
  assert.equal(editDistance('tennesse', 'tennese', 2), 1);
  assert.equal(editDistance('kitten', 'sitting', 3), 3);
  assert.equal(editDistance('abc', 'abcdefg', 2), 3, 'length difference alone exceeds the limit');
});

test('near words: the closest spellings in the history, none for short words or numbers', () => {
  const vocabulary = ['festiv', 'festoon', 'parad', 'tennesse', 'cat', 'cot', '2023'];
  assert.deepEqual(nearWords('fesetiv', vocabulary, FUZZY_DEFAULTS), ['festiv']);
  assert.deepEqual(nearWords('tennese', vocabulary, FUZZY_DEFAULTS), ['tennesse']);
  assert.deepEqual(nearWords('cut', vocabulary, FUZZY_DEFAULTS), [], 'three letters: too many neighbours to guess');
  assert.deepEqual(nearWords('zzzzzz', vocabulary, FUZZY_DEFAULTS), []);
  assert.deepEqual(nearWords('fesetiv', vocabulary, { ...FUZZY_DEFAULTS, weight: 0 }), []);
});
