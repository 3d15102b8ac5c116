export { enrichText } from './enrich-text.ts';
export { resolveDates } from './resolve-dates.ts';
export { analyze } from './nlp.ts';
export { ENGLISH_STOP_WORDS, wordTokens } from './stop-words.ts';
