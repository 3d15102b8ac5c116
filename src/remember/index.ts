// The update phase (Remembering): public entry points.
export { type RememberDeps, type RememberConfig, type RememberVision, type PreparedImage, type WriteBudget, REMEMBER_DEFAULTS, rememberConfig } from './deps.ts';
export { recordTurn, type RecordedTurn } from './record-turn.ts';
export { recordConversation, type ConversationInput, type ConversationMessage, type RecordedConversation } from './record-conversation.ts';
export { closeSession } from './session-boundary.ts';
export { createUpdateWorker, type UpdateWorker, type UpdateWorkerOptions } from './worker.ts';
export { ingestHistory, type IngestOptions, type IngestSummary } from './ingest.ts';
export { modelCallSnapshot, subtractCalls, type CallSnapshot } from './budget.ts';
export { BackpressureError, JobLeaseLostError } from './errors.ts';
export { TURN_JOB, SESSION_JOB, turnJobKey, sessionJobKey } from './jobs.ts';

export { reembedUser, type ReembedDeps, type ReembedOptions, type ReembedReport, type ReembedProgress, type ReembedCounts } from './reembed.ts';
export { checkEmbeddingModels, createEmbeddingModelGuard, type EmbeddingModelFinding, type EmbeddingModelGuard, type EmbeddingModelGuardOptions, type OnModelChange } from './check-embedding-models.ts';
export { turnEmbeddingText } from './turn-embedding-text.ts';
export { namePerson, type NamePersonReport } from './name-person.ts';
