// English stop words for lexical search. A fixed list (the classic Lucene/NLTK-style set) rather than wink's
// flag, so the bm25-turns baseline is the textbook one and its result does not move with the NLP model.
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers
herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on
once only or other our ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves s t don ll m re ve d y isn aren wasn weren
hasn haven hadn doesn didn won wouldn shan shouldn can't cannot i'm i've i'd i'll you're you've you'd you'll he's
she's it's we're we've they're they've that's there's what's let's`.split(/\s+/),
);

/** Lowercase word tokens (letters, digits, inner apostrophes) of any text. */
export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? [];
}

// A content word starts with a letter or digit (clitics such as "'s" and "n't" are not words of their own)
// and is not a stop word. wink's own stop flag is not used: it marks words that carry meaning in a personal
// history ("give", "keep", "show", "move", "first", "name").
const CONTENT_START = /^[\p{L}\p{N}]/u;

export function isContentWord(word: string): boolean {
  return CONTENT_START.test(word) && !ENGLISH_STOP_WORDS.has(word);
}
