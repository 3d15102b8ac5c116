export { enrichText } from './enrich-text.ts';
export { resolveDates } from './resolve-dates.ts';
export { analyze } from './nlp.ts';
export { ENGLISH_STOP_WORDS, isContentWord, wordTokens } from './stop-words.ts';
