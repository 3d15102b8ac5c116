// A TextEmbedder on an OpenAI-compatible /v1/embeddings endpoint (Ollama, vLLM, llama.cpp server, LM Studio,
// OpenAI). Batches by maxBatchSize; learns the dimension from the first response, or checks the configured one.
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { defaults } from '../config/defaults.ts';
import { ConfigError, EmbeddingMismatchError } from '../errors/index.ts';
import { startAttempt, type AttemptSettings } from './attempt.ts';
import { withRetries, type RetryPolicy } from './retry.ts';
import type { ModelAccounting, TextEmbedder } from './ports.ts';

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

/** The accounting key of embedding calls. */
export const EMBED_PURPOSE = 'embed.text';

export function openAiCompatibleEmbedder(options: OpenAiCompatibleEmbedderOptions): TextEmbedder {
  const model = createOpenAICompatible({
    name: 'openai-compatible',
    baseURL: options.baseUrl.replace(/\/+$/, ''),
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  }).embeddingModel(options.modelId);
  const attempts: AttemptSettings = { modelId: options.modelId, timeoutMs: options.timeoutMs ?? defaults.embedder.timeoutMs, accounting: options.accounting };
  const policy: RetryPolicy = { maxRetries: options.maxRetries ?? defaults.model.maxRetries, retryBaseMs: options.retryBaseMs ?? defaults.model.retryBaseMs };
  let dimensions = options.dimensions;

  const check = (vectors: number[][], expectedCount: number): void => {
    if (vectors.length !== expectedCount) throw new EmbeddingMismatchError(`Embedder ${options.modelId} at ${options.baseUrl} returned ${vectors.length} vectors for ${expectedCount} texts. Check that the endpoint implements /v1/embeddings.`);
    for (const vector of vectors) {
      dimensions ??= vector.length;
      if (vector.length !== dimensions) {
        const fix = options.dimensions ? 'Set embedder.dimensions to what the model produces, or remove it.' : 'The endpoint changed models while in use.';
        throw new EmbeddingMismatchError(`Embedder ${options.modelId} returned a ${vector.length}-d vector where ${dimensions}-d was expected. ${fix}`);
      }
    }
  };

  const embedBatch = (values: string[], signal: AbortSignal | undefined): Promise<number[][]> =>
    withRetries(policy, signal, async () => {
      const attempt = startAttempt(attempts, EMBED_PURPOSE, signal);
      try {
        const result = await model.doEmbed({ values, abortSignal: attempt.signal, ...(options.dimensions ? { dimensions: options.dimensions } : {}) });
        attempt.succeeded({ inputTokens: result.usage?.tokens ?? 0, outputTokens: 0 });
        return result.embeddings;
      } catch (error) {
        throw attempt.failed(error);
      }
    });

  const embedder: TextEmbedder = {
    modelId: options.modelId,
    maxBatchSize: options.maxBatchSize ?? defaults.embedder.maxBatchSize,
    get dimensions(): number {
      if (dimensions === undefined) throw new ConfigError(`The dimension of embedder ${options.modelId} is learned from its first response; embed something first or set embedder.dimensions.`);
      return dimensions;
    },
    async embed(texts, callOptions) {
      const vectors: number[][] = [];
      for (let start = 0; start < texts.length; start += embedder.maxBatchSize) {
        const batch = texts.slice(start, start + embedder.maxBatchSize);
        const result = await embedBatch(batch, callOptions?.signal);
        check(result, batch.length);
        vectors.push(...result);
      }
      return vectors;
    },
  };
  return embedder;
}
