import assert from 'node:assert/strict';
import { test } from 'node:test';
import { figuresByCategory, figuresFor, percentile, type QuestionOutcome } from './aggregate.ts';
import { coverageAt, normalizeForCoverage, packToBudget } from './coverage.ts';
import { splitEvidence } from './evidence.ts';

test('evidence ids split on ; , and spaces, unknown ids dropped, duplicates once', () => {
  const known = new Set(['D1:3', 'D8:6', 'D9:17']);
  assert.deepEqual(splitEvidence(['D8:6; D9:17', 'D1:3,D1:3', 'D99:1', ''], known), ['D8:6', 'D9:17', 'D1:3']);
  assert.deepEqual(splitEvidence(['D2:1 D2:2'], known), []);
});

test('coverage is whitespace-normalized and case-insensitive substring containment', () => {
  assert.equal(normalizeForCoverage('  Hello\n  World \t!'), 'hello world !');
  const items = [{ text: '[2023-05-08 (Monday)]\nCaroline: I went to a  LGBTQ support group\nyesterday.', tokens: 20 }];
  const result = coverageAt(['i went to a lgbtq support group yesterday.'], items, 100);
  assert.deepEqual(result, { strict: true, any: true, fraction: 1, tokens: 20 });
  assert.equal(coverageAt(['I went to the group'], items, 100).any, false, 'a different sentence is not covered');
});

test('packing keeps rank order, passes over an item too big, and budgets cut coverage', () => {
  const ranked = [
    { text: 'alpha', tokens: 300 },
    { text: 'huge beta', tokens: 900 },
    { text: 'gamma', tokens: 200 },
    { text: 'delta', tokens: 600 },
  ];
  assert.deepEqual(packToBudget(ranked, 500).map((item) => item.text), ['alpha', 'gamma']);
  const evidence = ['alpha', 'delta'];
  assert.deepEqual(coverageAt(evidence, ranked, 500), { strict: false, any: true, fraction: 0.5, tokens: 500 });
  assert.deepEqual(coverageAt(evidence, ranked, 1100), { strict: true, any: true, fraction: 1, tokens: 1100 });
  assert.deepEqual(coverageAt(evidence, ranked, 100), { strict: false, any: false, fraction: 0, tokens: 0 });
});

test('figures are means over questions, overall and per category', () => {
  const outcome = (category: number, strict: boolean, any: boolean, fraction: number): QuestionOutcome => ({
    category,
    coverage: { '500': { strict, any, fraction, tokens: 0 } },
  });
  const outcomes = [outcome(1, true, true, 1), outcome(1, false, true, 0.5), outcome(2, false, false, 0)];
  assert.deepEqual(figuresFor(outcomes, [500]), { strict: { '500': 1 / 3 }, any: { '500': 2 / 3 }, fraction: { '500': 0.5 } });
  const byCategory = figuresByCategory(outcomes, [500]);
  assert.deepEqual(byCategory['1'], { strict: { '500': 0.5 }, any: { '500': 1 }, fraction: { '500': 0.75 } });
  assert.deepEqual(byCategory['5'], { strict: { '500': 0 }, any: { '500': 0 }, fraction: { '500': 0 } });
});

test('percentiles use the nearest rank', () => {
  assert.equal(percentile([5, 1, 3, 2, 4], 50), 3);
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95), 10);
  assert.equal(percentile([], 95), 0);
});
