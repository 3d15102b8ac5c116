// A million turns for one user: the view builds and every recall answers within its budget, with no database.
// Speed is the benchmark's business (bench recall-latency); this reports the median as a diagnostic only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryCorpus } from './memory-corpus.ts';
import { recallOnView } from './recall-view.ts';
import { RETRIEVER_DEFAULTS } from './retriever.ts';
import { syntheticQueries, syntheticTurns } from './synthetic-history.ts';
import { TurnCorpus } from './turn-corpus.ts';

const TURNS = 1_000_000;

test('recall over 1,000,000 turns of one user answers every query within budget', { timeout: 600_000 }, (t) => {
  const started = performance.now();
  const turns = new TurnCorpus();
  let last: Date = new Date(0);
  for (const turn of syntheticTurns({ turns: TURNS })) {
    turns.add(turn);
    last = turn.at;
  }
  const built = performance.now() - started;
  assert.equal(turns.size, TURNS);
  const view = { turns, memories: new MemoryCorpus([]) };
  const at = new Date(last.getTime() + 3_600_000);
  const samples: number[] = [];
  for (const query of syntheticQueries(40)) {
    const begun = performance.now();
    const result = recallOnView(view, { userId: 'synthetic', query, at, budgetTokens: 2000 }, RETRIEVER_DEFAULTS);
    samples.push(performance.now() - begun);
    assert.ok(result.items.length > 0, query);
    assert.ok(result.totalTokens <= 2000 && result.totalTokens > 1500, `${result.totalTokens} tokens for "${query}"`);
    const rare = query.split(' ')[6]!;
    assert.ok(result.items[0]!.text.includes(rare), `the best item holds "${rare}"`);
  }
  // A period with no matching word: the newest turns of it, from a million.
  const period = recallOnView(view, { userId: 'synthetic', query: 'zzzz', at, budgetTokens: 500, timeRange: { from: new Date(last.getTime() - 86_400_000 * 30), to: null } }, RETRIEVER_DEFAULTS);
  assert.ok(period.items.length > 0 && period.totalTokens <= 500);
  samples.sort((a, b) => a - b);
  t.diagnostic(`built the view of ${TURNS} turns in ${(built / 1000).toFixed(1)} s; recall p50 ${samples[samples.length >> 1]!.toFixed(1)} ms over ${samples.length} queries`);
});
