import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatMoment } from '../memory/time-zone.ts';
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

test('moments render with weekday and 12-hour time in UTC', () => {
  assert.equal(formatMoment(new Date('2023-05-08T13:56:00Z')), 'Mon 8 May 2023 1:56 pm');
  assert.equal(formatMoment(new Date('2024-01-07T00:05:00Z')), 'Sun 7 Jan 2024 12:05 am');
});
