// The library's public surface. Everything a program needs to embed personavlm; internals stay internal.
export { createPersona, type Persona, type PersonaOptions } from './persona.ts';
export { loadConfig, configSchema, redactConfig, type PersonaConfig, type ConfigInput } from './config/index.ts';
export { createStore, PgliteStore, PostgresStore, type MemoryStore, type StoreConfig } from './store/index.ts';
export { createChatClient } from './model/chat-client.ts';
export { createModelAccounting } from './model/accounting.ts';
export { openAiCompatibleChatModel } from './model/openai-compatible-chat-model.ts';
export { openAiCompatibleEmbedder } from './model/openai-compatible-embedder.ts';
export { transformersTextEmbedder } from './model/transformers-text-embedder.ts';
export { aiSdkTextEmbedder, type AiSdkTextEmbedderOptions } from './model/ai-sdk-text-embedder.ts';
export type { ChatClient, ChatModel, TextEmbedder, ImageEmbedder, ModelAccounting } from './model/ports.ts';
export { reembedUser, checkEmbeddingModels, type ReembedOptions, type ReembedReport, type EmbeddingModelFinding } from './remember/index.ts';
export type { RecallQuery, RecallResult, RecallItem, RecallSource } from './retrieval/types.ts';
export type { History, HistorySession, HistoryTurn } from './memory/history.ts';
export type { ImageInput, TurnInput } from './memory/inputs.ts';
export type * from './memory/types.ts';
export { EventBus, type PersonaEvent, type WarningEvent } from './memory/events.ts';
export * from './errors/index.ts';
export { createServer, loadApiKeys, type ServerOptions, type AuthOptions, type ApiKeys } from './server/index.ts';
