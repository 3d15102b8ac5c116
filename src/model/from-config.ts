// Configuration → model objects. Builds objects only (no I/O); a missing chat model is `undefined`, and the
// caller that needs one throws ModelNotConfiguredError with `MODEL_HOW_TO_CONFIGURE`.
import type { EmbedderConfig, ModelConfig } from '../config/schema.ts';
import { createChatClient, type ChatClientOptions } from './chat-client.ts';
import { openAiCompatibleChatModel } from './openai-compatible-chat-model.ts';
import { openAiCompatibleEmbedder } from './openai-compatible-embedder.ts';
import { transformersTextEmbedder } from './transformers-text-embedder.ts';
import { wordVectorEmbedder } from './word-vectors/word-vector-embedder.ts';
import type { ChatClient, ModelAccounting, TextEmbedder } from './ports.ts';

export const MODEL_HOW_TO_CONFIGURE =
  'Set PERSONAVLM_MODEL (e.g. qwen2.5vl:7b) and PERSONAVLM_MODEL_BASE_URL (e.g. http://localhost:11434/v1 for Ollama), or a "model" section in personavlm.config.json.';

export const EMBEDDER_HOW_TO_CONFIGURE =
  'Set PERSONAVLM_EMBEDDER_BASE_URL and PERSONAVLM_EMBEDDER_MODEL (e.g. http://localhost:11434/v1 and nomic-embed-text for Ollama), ' +
  'or PERSONAVLM_EMBEDDER_DIR to a local ONNX model directory (e.g. all-MiniLM-L6-v2), or PERSONAVLM_EMBEDDER=word-vectors for offline word vectors ' +
  '(after `personavlm word-vectors install`), or an "embedder" section in personavlm.config.json.';

export function chatClientFromConfig(model: ModelConfig | undefined, accounting?: ModelAccounting, extra: Pick<ChatClientOptions, 'onFormatDowngrade'> = {}): ChatClient | undefined {
  if (!model) return undefined;
  const languageModel = openAiCompatibleChatModel({ baseUrl: model.baseUrl, modelId: model.modelId, timeoutMs: model.timeoutMs, ...(model.apiKey ? { apiKey: model.apiKey } : {}) });
  return createChatClient(languageModel, { timeoutMs: model.timeoutMs, maxRetries: model.maxRetries, responseFormat: model.responseFormat, ...extra, ...(accounting ? { accounting } : {}) });
}

export function textEmbedderFromConfig(embedder: EmbedderConfig, accounting?: ModelAccounting): TextEmbedder | undefined {
  if (embedder.provider === 'none') return undefined;
  if (embedder.provider === 'word-vectors') return wordVectorEmbedder({ maxBatchSize: embedder.maxBatchSize, ...(embedder.modelDir ? { dir: embedder.modelDir } : {}) });
  if (embedder.provider === 'transformers') {
    return transformersTextEmbedder({ modelDir: embedder.modelDir, pooling: embedder.pooling, normalize: embedder.normalize, maxBatchSize: embedder.maxBatchSize, allowRemoteModels: embedder.allowRemoteModels });
  }
  return openAiCompatibleEmbedder({
    baseUrl: embedder.baseUrl,
    modelId: embedder.modelId,
    maxBatchSize: embedder.maxBatchSize,
    timeoutMs: embedder.timeoutMs,
    ...(embedder.apiKey ? { apiKey: embedder.apiKey } : {}),
    ...(embedder.dimensions ? { dimensions: embedder.dimensions } : {}),
    ...(accounting ? { accounting } : {}),
  });
}
