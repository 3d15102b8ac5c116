// Lexical terms: the Porter2 stem of each content word's lemma. The lemma undoes irregular forms ("went" →
// "go") that a stemmer cannot; the stem then joins derived forms the lemma keeps apart ("camping" the noun and
// "camped", "painting" and "paint"). Enrichment stores lemmas, so turns are stemmed here at index time.
import { analyze } from '../enrichment/nlp.ts';
import { isContentWord } from '../enrichment/stop-words.ts';
import { lazyModule } from '../runtime/lazy-module.ts';

// The English model's Porter2 addon (model.addons.stem is this very module), loaded alone: the model's index file
// reads its 3 MB lexicon, which stemming the stored lemmas of turns and memories never needs.
const porter2Module = lazyModule<(word: string) => string>('wink-eng-lite-web-model/dist/porter-stemmer.js');
const porter2 = (word: string): string => porter2Module()(word);

// A user's words repeat: the stem of each distinct lemma is computed once (a view of 1M turns stems ~10M words).
const stems = new Map<string, string>();
const STEM_CACHE_LIMIT = 100_000;

/** Numbers stay as written: Porter2 would turn "2023" into "202i". */
export function stem(word: string): string {
  if (/\d/.test(word)) return word;
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    stemmed = porter2(word);
    if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
    stems.set(word, stemmed);
  }
  return stemmed;
}

export function stemAll(lemmas: readonly string[]): string[] {
  return lemmas.map(stem);
}

/** Lemmas of the content words of a text. */
export function contentLemmas(text: string): string[] {
  if (text.trim() === '') return [];
  return analyze(text)
    .tokens.filter((token) => isContentWord(token.word))
    .map((token) => token.lemma);
}

export function lexicalTerms(text: string): string[] {
  return contentLemmas(text).map(stem);
}

/** Pairs of consecutive terms ("ice cream", "support group"), so phrases outrank scattered words. */
export function bigrams(terms: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let index = 1; index < terms.length; index += 1) pairs.push(`${terms[index - 1]} ${terms[index]}`);
  return pairs;
}
