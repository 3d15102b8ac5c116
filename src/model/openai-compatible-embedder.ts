// A TextEmbedder on an OpenAI-compatible /v1/embeddings endpoint (Ollama, vLLM, llama.cpp server, LM Studio,
// OpenAI): the AI SDK's OpenAI-compatible embedding model behind the one AI SDK embedder path (batching, retries,
// accounting, the dimension learned from the first response or checked against the configured one).
import { openAiCompatibleSdk } from './sdk-modules.ts';
import { defaults } from '../config/defaults.ts';
import { aiSdkTextEmbedder } from './ai-sdk-text-embedder.ts';
import type { ModelAccounting, TextEmbedder } from './ports.ts';

export { EMBED_PURPOSE } from './ai-sdk-text-embedder.ts';

export interface OpenAiCompatibleEmbedderOptions {
  baseUrl: string;
  modelId: string;
  apiKey?: string;
  /** When set, sent to the server and required of every vector. */
  dimensions?: number;
  maxBatchSize?: number;
  timeoutMs?: number;
  maxRetries?: number;
  retryBaseMs?: number;
  accounting?: ModelAccounting;
  fetch?: typeof fetch;
}

export function openAiCompatibleEmbedder(options: OpenAiCompatibleEmbedderOptions): TextEmbedder {
  const baseURL = options.baseUrl.replace(/\/+$/, '');
  const model = openAiCompatibleSdk().createOpenAICompatible({
    name: 'openai-compatible',
    baseURL,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  }).embeddingModel(options.modelId);
  return aiSdkTextEmbedder(model, {
    maxBatchSize: options.maxBatchSize ?? defaults.embedder.maxBatchSize,
    where: `at ${baseURL}`,
    dimensionsSetting: 'embedder.dimensions (PERSONAVLM_EMBEDDER_DIMENSIONS)',
    ...(options.dimensions ? { dimensions: options.dimensions } : {}),
    ...(options.accounting ? { accounting: options.accounting } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.retryBaseMs !== undefined ? { retryBaseMs: options.retryBaseMs } : {}),
  });
}
