import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evolvePersonality, formatPersonality, initialPersonality, pemRetention } from './pem.ts';

test('PEM retention follows the cosine schedule from 0.5 to 0.9 and stays there', () => {
  assert.equal(pemRetention(0), 0.5);
  assert.ok(Math.abs(pemRetention(25) - 0.7) < 1e-12);
  assert.ok(Math.abs(pemRetention(50) - 0.9) < 1e-12);
  assert.equal(pemRetention(500), pemRetention(50));
  assert.ok(pemRetention(10) < pemRetention(11));
});

test('PEM moves traits toward the inferred score and leaves an inferred 3 alone', () => {
  const first = evolvePersonality(initialPersonality(), { openness: 5, conscientiousness: 3, extraversion: 1, agreeableness: 4, neuroticism: 3 }, 0);
  assert.deepEqual(first, { openness: 4, conscientiousness: 3, extraversion: 2, agreeableness: 3.5, neuroticism: 3 });
  const late = evolvePersonality({ ...first, neuroticism: 2 }, { openness: 1, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 }, 80);
  assert.ok(Math.abs(late.openness - (0.9 * 4 + 0.1 * 1)) < 1e-12);
  assert.equal(late.neuroticism, 2, 'an inferred 3 is "no evidence", even when the estimate is not 3');
  assert.equal(formatPersonality(first), 'openness 4.0, conscientiousness 3.0, extraversion 2.0, agreeableness 3.5, neuroticism 3.0');
});
