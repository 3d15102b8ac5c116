import assert from 'node:assert/strict';
import { test } from 'node:test';
import { feedbackTerms } from './feedback.ts';
import { planQuery } from './query-plan.ts';
import { scoreTurns, TURN_SCORING_DEFAULTS } from './score-turns.ts';
import { selectWindows } from './select-windows.ts';
import { countTokens } from './token-count.ts';
import { corpusOf } from './test-turns.ts';
import type { TurnCorpus } from './turn-corpus.ts';
import type { ScoreAccumulator } from './score-accumulator.ts';

const AT = new Date('2023-06-01T10:00:00Z');

const corpus = corpusOf([
  { session: 's1', speaker: 'Ann', text: 'I went to a support group yesterday and it was powerful.', at: '2023-05-08T13:56:00Z' },
  { session: 's1', speaker: 'Bob', text: 'That is great! What did you paint last weekend?', at: '2023-05-08T13:56:10Z' },
  { session: 's1', speaker: 'Ann', text: 'A sunrise over the lake.', at: '2023-05-08T13:56:20Z', caption: 'a photo of a painting of a sunrise' },
  { session: 's1', speaker: 'Bob', text: 'Lovely colours.', at: '2023-05-08T13:56:30Z' },
  { session: 's2', speaker: 'Bob', text: 'My kids went camping in the mountains.', at: '2023-05-20T09:00:00Z' },
  { session: 's2', speaker: 'Ann', text: 'Camping sounds fun, I camped in Sweden once.', at: '2023-05-20T09:00:10Z' },
]);

function plan(query: string, target: TurnCorpus = corpus) {
  return planQuery({ query, at: AT }, { speakerNames: target.speakerNames, documentFrequency: (term) => target.lexical.documentFrequency(term), terms: () => target.lexical.words() });
}

function ranked(scores: ScoreAccumulator): number[] {
  return [...scores.docs()].filter((index) => scores.get(index) > 0).sort((a, b) => scores.get(b) - scores.get(a) || a - b);
}

const none = (): boolean => false;

test('the query plan finds speakers, stems words and keeps date words out of the lexical terms', () => {
  const query = plan('When did Ann go camping in May 2023?');
  assert.deepEqual([...query.speakers], ['ann']);
  assert.ok(query.terms.has('camp'), [...query.terms.keys()].join(','));
  assert.ok(!query.terms.has('2023') && !query.terms.has('may'));
  assert.equal(query.dates[0]?.from.toISOString(), '2023-05-01T00:00:00.000Z');
  assert.equal(query.temporal, true);
});

test('camping, camped and camp meet on one stem; the named speaker ranks first', () => {
  const scores = scoreTurns(corpus, plan('Where has Ann camped?'), AT);
  assert.equal(corpus.lineOf(ranked(scores)[0]!), 'Ann: Camping sounds fun, I camped in Sweden once.');
});

test('an answer inherits from the question before it', () => {
  const query = plan('What did Ann paint?');
  const withReply = scoreTurns(corpus, query, AT);
  const without = scoreTurns(corpus, query, AT, { ...TURN_SCORING_DEFAULTS, replyShare: 0, previousShare: 0, nextShare: 0 });
  assert.ok(withReply.get(2) > without.get(2), 'the answer "A sunrise over the lake." gains from the question');
});

test('a date named in the question lifts turns said in that period or naming it', () => {
  const query = plan('What happened around 7 May 2023?');
  const scores = scoreTurns(corpus, { ...query, terms: new Map([['go', 1], ['camp', 1]]) }, AT);
  const plain = scoreTurns(corpus, { ...query, terms: new Map([['go', 1], ['camp', 1]]), dates: [] }, AT);
  assert.ok(scores.get(0) / plain.get(0) > scores.get(4) / plain.get(4), '"yesterday" said on 8 May names 7 May');
});

test('windows: one header per session, verbatim lines, a gap marker, exact tokens within budget', () => {
  const order = [0, 2, 5];
  const windows = selectWindows(corpus, order, { budget: 1000, excluded: none, answerAfter: false });
  assert.equal(windows.length, 2);
  const texts = windows.map((window) => window.text);
  const session1 = texts.find((text) => text.includes('support group'))!;
  assert.match(session1, /^\[2023-05-08 13:56 \(Monday\)\]\n/);
  assert.equal(session1.match(/^\[\d{4}-/gm)?.length, 1, 'one header for the session');
  assert.ok(session1.includes('Ann: I went to a support group yesterday and it was powerful.'));
  assert.ok(session1.includes('Ann: A sunrise over the lake. [photo: a photo of a painting of a sunrise]'));
  assert.ok(session1.includes('\n…\n'), 'skipped turns are marked');
  for (const window of windows) assert.equal(window.tokens, countTokens(window.text));
  const tight = selectWindows(corpus, order, { budget: 40, excluded: none, answerAfter: false });
  assert.ok(tight.reduce((sum, window) => sum + window.tokens, 0) <= 40);
  assert.ok(tight.length >= 1);
});

test('a chosen question brings its answer; excluded turns never appear', () => {
  const order = [1];
  const withAnswer = selectWindows(corpus, order, { budget: 500, excluded: none, answerAfter: true });
  assert.deepEqual(withAnswer[0]!.turns.map((entry) => entry.index), [1, 2]);
  const excluded = selectWindows(corpus, order, { budget: 500, excluded: (index) => index === 2, answerAfter: true });
  assert.deepEqual(excluded[0]!.turns.map((entry) => entry.index), [1]);
});

test('feedback adds the words that stand out in the best turns, weighted below the query words', () => {
  const query = plan('Where did Ann camp?');
  const scores = scoreTurns(corpus, query, AT);
  const expansion = feedbackTerms(corpus, scores, query.terms, { turns: 2, terms: 3, weight: 0.3 });
  assert.ok(expansion.size > 0 && expansion.size <= 3);
  assert.ok([...expansion.values()].every((weight) => weight > 0 && weight <= 0.3));
  assert.ok(![...expansion.keys()].some((term) => query.terms.has(term)), 'query words are not repeated');
  assert.ok(expansion.has('sweden') || expansion.has('mountain'), [...expansion.keys()].join(','));
  assert.equal(feedbackTerms(corpus, scores, query.terms, { turns: 0, terms: 3, weight: 0.3 }).size, 0);
});

test('topIndices keeps the k best in the order a full sort gives (score down, index up)', async () => {
  const { topIndices } = await import('./top-k.ts');
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let round = 0; round < 50; round += 1) {
    const scores = Float64Array.from({ length: 200 }, () => (random() < 0.3 ? 0 : Math.round(random() * 20) / 4));
    const sorted = [...scores.keys()].filter((index) => scores[index]! > 0).sort((a, b) => scores[b]! - scores[a]! || a - b);
    for (const k of [0, 1, 3, 10, 500]) assert.deepEqual(topIndices(scores, k), sorted.slice(0, k));
  }
});

test('topByScore returns what a full sort of the candidates gives, for any k', async () => {
  const { topByScore } = await import('./top-k.ts');
  let seed = 3;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let round = 0; round < 30; round += 1) {
    const scores = Float64Array.from({ length: 3000 }, () => Math.round(random() * 40) / 8);
    const candidates = [...scores.keys()].filter(() => random() < 0.7).reverse();
    const sorted = [...candidates].sort((a, b) => scores[b]! - scores[a]! || a - b);
    for (const k of [1, 7, 100, 2047, 5000]) assert.deepEqual(topByScore(candidates, scores, k), sorted.slice(0, k));
  }
});

test('pruning by the limit leaves the best `top` turns and their scores exactly as full scoring gives them', async () => {
  const { syntheticTurns, syntheticQueries } = await import('./synthetic-history.ts');
  const { TurnCorpus } = await import('./turn-corpus.ts');
  const big = new TurnCorpus();
  let last = new Date(0);
  for (const turn of syntheticTurns({ turns: 20_000, vocabularySize: 3000 })) {
    big.add(turn);
    last = turn.at;
  }
  const at = new Date(last.getTime() + 3_600_000);
  const unranked = new Uint8Array(big.size).map((_, index) => (index % 13 === 0 ? 1 : 0));
  let prunedQueries = 0;
  for (const query of [...syntheticQueries(12, 5, 3000), 'really great time with friends today']) {
    const queryPlan = plan(query, big);
    const full = scoreTurns(big, queryPlan, at);
    const pruned = scoreTurns(big, queryPlan, at, TURN_SCORING_DEFAULTS, {}, { top: 100, unranked });
    const best = (scores: ScoreAccumulator) => ranked(scores).filter((index) => unranked[index] !== 1).slice(0, 100);
    const expected = best(full);
    assert.deepEqual(best(pruned), expected, query);
    for (const index of expected) assert.equal(pruned.get(index), full.get(index));
    if (pruned.docs().length < full.docs().length) prunedQueries += 1;
  }
  assert.ok(prunedQueries >= 1, `${prunedQueries} queries left turns unscored`);
});
