// Lexical terms: the Porter2 stem of each content word's lemma. The lemma undoes irregular forms ("went" →
// "go") that a stemmer cannot; the stem then joins derived forms the lemma keeps apart ("camping" the noun and
// "camped", "painting" and "paint"). Enrichment stores lemmas, so turns are stemmed here at index time.
import model from 'wink-eng-lite-web-model';
import { analyze } from '../enrichment/nlp.ts';
import { ENGLISH_STOP_WORDS } from '../enrichment/stop-words.ts';

// A content word starts with a letter or digit: clitics ("'s", "n't") are not words of their own.
const CONTENT = /^[\p{L}\p{N}]/u;

const addons = (model as unknown as { addons: { stem: (word: string) => string } }).addons;

/** Numbers stay as written: Porter2 would turn "2023" into "202i". */
export function stem(word: string): string {
  return /\d/.test(word) ? word : addons.stem(word);
}

export function stemAll(lemmas: readonly string[]): string[] {
  return lemmas.map(stem);
}

export function lexicalTerms(text: string): string[] {
  if (text.trim() === '') return [];
  return analyze(text)
    .tokens.filter((token) => !token.stop && CONTENT.test(token.word) && !ENGLISH_STOP_WORDS.has(token.word))
    .map((token) => stem(token.lemma));
}
