import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAbstention } from './abstention.ts';
import { accuracyBy, accuracyOf } from './accuracy.ts';
import { porterStem } from './porter-stem.ts';
import { distribution } from './stats.ts';
import { answerTokens, normalizeAnswer, tokenF1 } from './token-f1.ts';

test('normalization lower-cases, drops punctuation, commas and articles', () => {
  assert.equal(normalizeAnswer('The  LGBTQ support-group, and a Parade!'), 'lgbtq support group parade');
  assert.deepEqual(answerTokens('7 May, 2023'), ['7', 'may', '2023']);
});

test('token F1 over token multisets', () => {
  assert.equal(tokenF1('7 May 2023', '7 May 2023'), 1);
  assert.equal(tokenF1('On 7 May 2023', '7 May 2023'), (2 * 0.75 * 1) / 1.75);
  assert.equal(tokenF1('Paris', 'London'), 0);
  assert.equal(tokenF1('the the the', 'a'), 1, 'both empty after normalization');
  assert.equal(tokenF1('', 'London'), 0);
  // Repeated tokens only match as often as the gold has them.
  assert.equal(tokenF1('dog dog', 'dog cat'), 0.5);
});

test('stemming matches inflections, as LoCoMo scores', () => {
  assert.deepEqual(porterStem(['running', 'painted']), ['run', 'paint']);
  assert.equal(tokenF1('She painted sunsets', 'painting a sunset', porterStem), 0.8);
  assert.equal(tokenF1('She painted sunsets', 'painting a sunset'), 0);
});

test('abstention wordings are recognised, assertions are not', () => {
  for (const reply of ['Not mentioned in the conversation.', "I don't know.", 'There is no information about that.', 'The conversation does not say.', "I can't find that in our chats.", "That isn't mentioned anywhere.", 'It was never mentioned.']) {
    assert.ok(isAbstention(reply), reply);
  }
  for (const reply of ['Self-care is important.', 'She researched adoption agencies.', 'She mentioned a charity race.']) {
    assert.ok(!isAbstention(reply), reply);
  }
});

test('accuracy overall and grouped, in data order with an explicit order first', () => {
  assert.deepEqual(accuracyOf([true, false, true, true]), { correct: 3, total: 4, accuracy: 0.75 });
  assert.deepEqual(accuracyOf([]), { correct: 0, total: 0, accuracy: 0 });
  const items = [
    { k: 'x', ok: true },
    { k: 'y', ok: false },
    { k: 'x', ok: false },
  ];
  const grouped = accuracyBy(items, (item) => item.k, (item) => item.ok, ['y', 'unused']);
  assert.deepEqual(Object.keys(grouped), ['y', 'x']);
  assert.deepEqual(grouped.x, { correct: 1, total: 2, accuracy: 0.5 });
});

test('distributions: nearest-rank percentiles', () => {
  const values = Array.from({ length: 20 }, (_, index) => index + 1);
  assert.deepEqual(distribution(values), { count: 20, mean: 10.5, p50: 10, p95: 19, max: 20 });
  assert.deepEqual(distribution([]), { count: 0, mean: 0, p50: 0, p95: 0, max: 0 });
});
