import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, isPrimed, primeAnalyses } from '../enrichment/nlp.ts';
import { startPlanPrefetch } from './prefetch-plan.ts';
import { plannedTexts } from './query-plan.ts';

const failOnError = (error: Error): never => {
  throw error;
};

test('the worker analyses what planQuery will read, as this thread would, and each analysis is used once', async () => {
  const input = { query: 'Where did my sister and I eat last Friday?', at: new Date('2026-10-20T12:00:00Z'), timeZone: 'Europe/Lisbon' };
  const texts = plannedTexts(input);
  assert.equal(texts.length, 1);
  assert.doesNotMatch(texts[0]!, /Friday/, 'the date phrase is searched as a date, not as words');
  const expected = texts.map((text) => analyze(text));
  const prefetch = startPlanPrefetch(failOnError);
  try {
    prefetch.plan(input);
    await prefetch.ready;
  } finally {
    await prefetch.close();
  }
  assert.ok(isPrimed(texts[0]!), 'the worker posted its analysis');
  const first = analyze(texts[0]!);
  assert.ok(!isPrimed(texts[0]!));
  assert.deepEqual(first, expected[0]);
  // The primed copy is gone once used: the next call analyses again (a new object, equal).
  const second = analyze(texts[0]!);
  assert.notEqual(second, first);
  assert.deepEqual(second, expected[0]);
});

test('a prefetch never given its query is closed without keeping the process alive', async () => {
  const prefetch = startPlanPrefetch(failOnError);
  await prefetch.close();
  await prefetch.ready;
});

test('primed analyses are bounded: the oldest leave first', () => {
  const fake = (word: string) => ({ tokens: [{ text: word, word, lemma: word, pos: 'NOUN' }], entities: [] });
  primeAnalyses(Array.from({ length: 70 }, (_, index) => [`primed text ${index}`, fake(`w${index}`)] as const));
  assert.equal(analyze('primed text 69').tokens[0]?.lemma, 'w69');
  assert.notEqual(analyze('primed text 0').tokens[0]?.lemma, 'w0', 'evicted: analysed for real');
});
