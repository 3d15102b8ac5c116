export { enrichText } from './enrich-text.ts';
export { resolveDates, type ResolveDatesOptions } from './resolve-dates.ts';
export { analyze } from './nlp.ts';
export { ENGLISH_STOP_WORDS, isContentWord, wordTokens } from './stop-words.ts';
