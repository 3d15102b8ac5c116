// LLM-free enrichment of a turn's text: what lexical and temporal search need, computed once at write time.
import type { NamedEntity, TurnEnrichment } from '../memory/types.ts';
import { analyze } from './nlp.ts';
import { resolveDates, type ResolveDatesOptions } from './resolve-dates.ts';
import { isContentWord } from './stop-words.ts';

/** Runs of proper nouns ("Los Angeles"), which wink's lite model does not tag as entities. */
function properNouns(tokens: { text: string; pos: string }[]): NamedEntity[] {
  const out: NamedEntity[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length > 0) out.push({ text: run.join(' '), type: 'PROPER_NOUN' });
    run = [];
  };
  tokens.forEach((token) => (token.pos === 'PROPN' ? run.push(token.text) : flush()));
  flush();
  return out;
}

/**
 * keywords: distinct content words (lowercase, in order); lemmas: the lemma of every content token in order,
 * repeats kept, so a lexical index can count term frequency without re-running the NLP model. Dates resolve in
 * options.timeZone (default UTC).
 */
export function enrichText(text: string, at: Date, options: ResolveDatesOptions = {}): TurnEnrichment {
  const { tokens, entities } = analyze(text);
  const content = tokens.filter((token) => isContentWord(token.word));
  const keywords = [...new Set(content.map((token) => token.word))];
  const lemmas = content.map((token) => token.lemma);
  const named: NamedEntity[] = entities.map((entity) => ({ text: entity.value, type: entity.type }));
  const seen = new Set(named.map((entity) => entity.text.toLowerCase()));
  for (const entity of properNouns(tokens)) {
    if (!seen.has(entity.text.toLowerCase())) named.push(entity);
  }
  return { keywords, lemmas, entities: named, dates: resolveDates(text, at, options), imageText: '' };
}
