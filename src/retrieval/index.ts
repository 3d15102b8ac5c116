export type * from './types.ts';
export { createRetriever, RETRIEVER_DEFAULTS, type Retriever, type RetrieverDeps, type RetrieverOptions } from './retriever.ts';
export { TURN_SCORING_DEFAULTS, type TurnScoringOptions } from './score-turns.ts';
export { countTokens } from './token-count.ts';
export { formatStamp, formatStampDay } from '../memory/stamp.ts';
