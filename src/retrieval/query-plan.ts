// What a query asks for, read without a model: weighted lemmas, the speakers it names, the dates it names
// (resolved against the time of asking) and whether it asks "when".
import type { Period } from '../memory/types.ts';
import { resolveDates } from '../enrichment/resolve-dates.ts';
import { bigrams, contentLemmas, stem } from './terms.ts';
import { nearWords, type FuzzyOptions } from './fuzzy.ts';
import { RETRIEVAL_TUNING } from './tuning.ts';
import { synonyms } from './wordnet.ts';

export interface QueryPlan {
  /** Term (stem of a lemma, or "stem stem" for a phrase) → weight. */
  terms: Map<string, number>;
  /** Speaker keys (see TurnCorpus.speakerNames) the query names. */
  speakers: Set<string>;
  dates: Required<Period<Date>>[];
  temporal: boolean;
  /** Asks about the present ("now", "currently", "these days"): newer turns count more, stale ones less. */
  present: boolean;
}

export interface PlanInput {
  query: string;
  keywords?: string[];
  at: Date;
  /** Zone in which the query's date phrases ("last week") name periods; default UTC. */
  timeZone?: string;
}

const TEMPORAL = /\b(when|what (?:year|month|day|date|time)|how long ago|since when)\b/i;
const PRESENT = /\b(now|currently|these days|nowadays|at the moment|any ?more|still|right now|at present)\b/i;

export interface PlanOptions {
  /** Weight of a speaker's name as a plain word (names are matched as speakers). */
  nameWeight: number;
  /** Weight of a WordNet synonym of a query word (0: no expansion), and how many senses to take them from. */
  synonymWeight: number;
  synonymSenses: number;
  /** Expand only words found in at most this many of the user's turns: a word the user never used can only match through its synonyms, while expanding a common one mostly adds noise. */
  synonymMaxDocumentFrequency: number;
  /** Weight of a pair of consecutive query words found together in a turn (0: no phrase matching). */
  bigramWeight: number;
  /** Near spellings of words the user never wrote. */
  fuzzy: FuzzyOptions;
}

export const PLAN_DEFAULTS: PlanOptions = RETRIEVAL_TUNING.plan;

export interface PlanVocabulary {
  speakerNames: ReadonlyMap<string, string>;
  documentFrequency(term: string): number;
  /** Every term of the user's history, for typo tolerance. */
  terms(): Iterable<string>;
}

const datesOf = (input: PlanInput): Required<Period<Date>>[] => resolveDates(input.query, input.at, input.timeZone ? { timeZone: input.timeZone } : {});

/**
 * The texts whose words the plan reads: the query without its date phrases (their words are searched as a date,
 * turn times and resolved dates, not as words: turns rarely spell out the month they were said in), then the keywords.
 */
function wordTexts(input: PlanInput, dates: readonly Required<Period<Date>>[]): string[] {
  const withoutDates = dates.reduce((text, date) => text.replace(date.phrase, ' '), input.query);
  return [withoutDates, ...(input.keywords ?? [])];
}

/** What planQuery will analyse for this input (retrieval/prefetch-plan.ts analyses it ahead, on another thread). */
export const plannedTexts = (input: PlanInput): string[] => wordTexts(input, datesOf(input));

export function planQuery(input: PlanInput, vocabulary: PlanVocabulary, options: PlanOptions = PLAN_DEFAULTS): QueryPlan {
  const { speakerNames } = vocabulary;
  const terms = new Map<string, number>();
  const speakers = new Set<string>();
  const add = (term: string, weight: number): void => {
    terms.set(term, Math.max(terms.get(term) ?? 0, weight));
  };
  const dates = datesOf(input);
  for (const text of wordTexts(input, dates)) {
    const lemmas = contentLemmas(text);
    const stems = lemmas.map(stem);
    // A name next to a word ("caroline decision") is no phrase: names are handled as speakers.
    const pairs = bigrams(stems).filter((pair) => !pair.split(' ').some((term) => speakerNames.has(term)));
    if (options.bigramWeight > 0) for (const pair of pairs) add(pair, options.bigramWeight);
    for (const lemma of lemmas) {
      const term = stem(lemma);
      const speaker = speakerNames.get(term);
      if (speaker) speakers.add(speaker);
      add(term, speaker ? options.nameWeight : 1);
      if (speaker) continue;
      const unseen = vocabulary.documentFrequency(term) === 0;
      if (unseen) for (const near of nearWords(term, vocabulary.terms(), options.fuzzy)) add(near, options.fuzzy.weight);
      if (options.synonymWeight <= 0 || vocabulary.documentFrequency(term) > options.synonymMaxDocumentFrequency) continue;
      for (const synonym of synonyms(lemma, options.synonymSenses)) add(stem(synonym), options.synonymWeight);
    }
  }
  return { terms, speakers, dates, temporal: TEMPORAL.test(input.query), present: PRESENT.test(input.query) && dates.length === 0 };
}
