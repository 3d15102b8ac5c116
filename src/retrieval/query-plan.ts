// What a query asks for, read without a model: weighted lemmas, the speakers it names, the dates it names
// (resolved against the time of asking) and whether it asks "when".
import type { ResolvedDate } from '../memory/types.ts';
import { resolveDates } from '../enrichment/resolve-dates.ts';
import { lexicalTerms } from './terms.ts';

export interface QueryPlan {
  /** Lemma → weight. */
  terms: Map<string, number>;
  /** Speaker keys (see TurnCorpus.speakerNames) the query names. */
  speakers: Set<string>;
  dates: ResolvedDate[];
  temporal: boolean;
}

export interface PlanInput {
  query: string;
  keywords?: string[];
  at: Date;
}

const TEMPORAL = /\b(when|what (?:year|month|day|date|time)|how long ago|since when)\b/i;

/** Weight of a speaker's name as a plain word: low, because the other speaker says it too ("Hey Caroline!"). */
export const NAME_WEIGHT = 0.2;

export function planQuery(input: PlanInput, speakerNames: ReadonlyMap<string, string>, nameWeight = NAME_WEIGHT): QueryPlan {
  const terms = new Map<string, number>();
  const speakers = new Set<string>();
  const add = (term: string, weight: number): void => {
    terms.set(term, Math.max(terms.get(term) ?? 0, weight));
  };
  const dates = resolveDates(input.query, input.at);
  // The words of a date phrase are searched as a date (turn times and resolved dates), not as words:
  // turns rarely spell out the month they were said in.
  const withoutDates = dates.reduce((text, date) => text.replace(date.phrase, ' '), input.query);
  for (const text of [withoutDates, ...(input.keywords ?? [])]) {
    for (const term of lexicalTerms(text)) {
      const speaker = speakerNames.get(term);
      if (speaker) speakers.add(speaker);
      add(term, speaker ? nameWeight : 1);
    }
  }
  return { terms, speakers, dates, temporal: TEMPORAL.test(input.query) };
}
