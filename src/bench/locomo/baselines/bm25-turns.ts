// Baseline bm25-turns (BENCHMARKS.md § 1): Okapi BM25, k1 1.2, b 0.75, English stop words, over each turn's
// speaker + text + caption; plain lowercase word tokens (no lemmas, no synonyms), one item per turn.
import { ENGLISH_STOP_WORDS, wordTokens } from '../../../enrichment/stop-words.ts';
import { Bm25Index } from '../../../retrieval/bm25.ts';
import { ScoreAccumulator } from '../../../retrieval/score-accumulator.ts';
import { renderBaselineTurn, type BaselineSystem, type BaselineTurn } from './baseline-turn.ts';

function terms(text: string): string[] {
  return wordTokens(text).filter((token) => !ENGLISH_STOP_WORDS.has(token));
}

export function createBm25Turns(turns: readonly BaselineTurn[]): BaselineSystem {
  const index = new Bm25Index({ k1: 1.2, b: 0.75 });
  for (const turn of turns) index.add(terms(`${turn.speaker} ${turn.text} ${turn.caption ?? ''}`));
  const rendered = turns.map(renderBaselineTurn);
  return {
    name: 'bm25-turns',
    rank(question) {
      // Each query word counts as often as it occurs (textbook BM25 sums over query tokens).
      const query = new Map<string, number>();
      for (const term of terms(question)) query.set(term, (query.get(term) ?? 0) + 1);
      const scores = new ScoreAccumulator(index.size);
      index.score(query, scores);
      return [...scores.docs()]
        .sort((a, b) => scores.get(b) - scores.get(a) || a - b)
        .map((position) => rendered[position]!);
    },
  };
}
