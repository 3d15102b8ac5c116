// Typo tolerance: a query word the user never wrote ("fesetival", "Tennesee") is matched to words of their
// history within a small edit distance, the way a person reads past a misspelling.
import { RETRIEVAL_TUNING } from './tuning.ts';

export interface FuzzyOptions {
  /** Weight of a near match (0: off). */
  weight: number;
  /** Shortest word corrected; shorter words have too many neighbours at distance 1. */
  minLength: number;
}

export const FUZZY_DEFAULTS: FuzzyOptions = RETRIEVAL_TUNING.plan.fuzzy;

/** Levenshtein distance, or limit + 1 as soon as it must exceed limit. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** Words of the vocabulary nearest to `term` (distance 1 for words up to 7 letters, 2 beyond), none when the term is short. */
export function nearWords(term: string, vocabulary: Iterable<string>, options: FuzzyOptions): string[] {
  if (options.weight <= 0 || term.length < options.minLength || /\d/.test(term)) return [];
  const limit = term.length >= 8 ? 2 : 1;
  let best = limit + 1;
  let found: string[] = [];
  for (const word of vocabulary) {
    if (word.includes(' ') || /\d/.test(word)) continue;
    const distance = editDistance(term, word, limit);
    if (distance < best) {
      best = distance;
      found = [word];
    } else if (distance === best && distance <= limit) found.push(word);
  }
  return best <= limit ? found : [];
}
