// The Porter2 stemmer of wink-nlp, for token F1 the way LoCoMo computes it (it stems with Porter). Loading
// the model takes a moment, so it happens on first use, never at import.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Stemmer } from './token-f1.ts';

let wink: ReturnType<typeof winkNLP> | null = null;
const cache = new Map<string, string>();

function stemOne(word: string): string {
  wink ??= winkNLP(model);
  let stem = cache.get(word);
  if (stem === undefined) {
    // The typings give its.stem an addon-taking signature that out() does not accept; at run time it is an its function.
    const itsStem = wink.its.stem as unknown as Parameters<ReturnType<ReturnType<typeof wink.readDoc>['tokens']>['out']>[0];
    stem = (wink.readDoc(word).tokens().out(itsStem) as string[]).join('');
    cache.set(word, stem);
  }
  return stem;
}

// One word at a time: wink's tokenizer could split or merge the words of a joined string.
export const porterStem: Stemmer = (words) => words.map(stemOne);
