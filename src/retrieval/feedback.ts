// Pseudo-relevance feedback (RM3-style): the words that stand out in the best-matching turns are added to the
// query with a small weight, so turns about the same thing in other words rank higher (a list question such as
// "what activities does X do" first finds two activities, then the words around them find the rest).
import type { ScoreAccumulator } from './score-accumulator.ts';
import { topIndices } from './top-k.ts';
import type { TurnCorpus } from './turn-corpus.ts';
import { RETRIEVAL_TUNING } from './tuning.ts';

export interface FeedbackOptions {
  /** Best turns read for expansion terms (0: no feedback). */
  turns: number;
  /** Expansion terms added. */
  terms: number;
  /** Weight of an expansion term relative to a query word (1). */
  weight: number;
}

export const FEEDBACK_DEFAULTS: FeedbackOptions = RETRIEVAL_TUNING.feedback;

export function feedbackTerms(corpus: TurnCorpus, turnScores: ScoreAccumulator, query: ReadonlyMap<string, number>, options: FeedbackOptions): Map<string, number> {
  if (options.turns <= 0) return new Map();
  const scores = turnScores.dense;
  const top = topIndices(scores, options.turns, turnScores.docs());
  const best = top.length > 0 ? scores[top[0]!]! : 0;
  const mass = new Map<string, number>();
  for (const index of top) {
    const terms = corpus.lexical.wordsOf(index);
    const share = scores[index]! / best / Math.max(1, terms.length);
    for (const term of terms) if (!query.has(term)) mass.set(term, (mass.get(term) ?? 0) + share * corpus.lexical.idf(term));
  }
  const chosen = [...mass.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, options.terms);
  const top1 = chosen[0]?.[1] ?? 0;
  return new Map(chosen.map(([term, value]) => [term, (options.weight * value) / top1]));
}
