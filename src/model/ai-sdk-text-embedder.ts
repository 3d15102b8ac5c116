// A TextEmbedder over any AI SDK embedding model (EmbeddingModelV4: OpenAI, Cohere, Mistral, Ollama providers,
// or a test double), called through the SDK's embedMany. Batches by maxBatchSize (embedMany splits further by the
// model's maxEmbeddingsPerCall); learns the dimension from the first response, or sends and checks the configured one.
import { APICallError, type EmbeddingModelV4 } from '@ai-sdk/provider';
import { defaults } from '../config/defaults.ts';
import { ConfigError, EmbeddingMismatchError, ModelCallError, PersonaError } from '../errors/index.ts';
import { startAttempt, type AttemptSettings } from './attempt.ts';
import { withRetries, type RetryPolicy } from './retry.ts';
import type { ModelAccounting, TextEmbedder } from './ports.ts';
import { aiSdk } from './sdk-modules.ts';

/** The accounting key of embedding calls. */
export const EMBED_PURPOSE = 'embed.text';

export interface AiSdkTextEmbedderOptions {
  /** When set, passed to the model and required of every vector. */
  dimensions?: number;
  /** Default: the model's maxEmbeddingsPerCall when it is a number, capped at defaults.embedder.maxBatchSize. */
  maxBatchSize?: number;
  accounting?: ModelAccounting;
  timeoutMs?: number;
  maxRetries?: number;
  retryBaseMs?: number;
  /** Where the model is served ("at http://…/v1"), for messages about a response that does not fit. */
  where?: string;
  /** The name users set the dimension by, for the fix of a mismatch (default "the dimensions option"). */
  dimensionsSetting?: string;
}

function batchSizeOf(model: EmbeddingModelV4, configured: number | undefined): number {
  if (configured !== undefined) {
    if (!Number.isInteger(configured) || configured < 1) throw new ConfigError(`maxBatchSize must be a positive integer, got ${configured}.`);
    return configured;
  }
  const limit = model.maxEmbeddingsPerCall;
  return typeof limit === 'number' && Number.isFinite(limit) && limit >= 1 ? Math.min(limit, defaults.embedder.maxBatchSize) : defaults.embedder.maxBatchSize;
}

/** Errors the provider did not type (a bad response shape, a bug) get a message that names the model. */
function explain(error: unknown, model: EmbeddingModelV4, signal: AbortSignal): unknown {
  const inner = aiSdk().RetryError.isInstance(error) ? (error.lastError ?? error) : error;
  if (signal.aborted || APICallError.isInstance(inner) || PersonaError.isInstance(inner)) return inner;
  const text = inner instanceof Error ? `${inner.name}: ${inner.message}` : String(inner);
  return new ModelCallError(
    `Embedding model "${model.modelId}" of provider "${model.provider}" failed (${text}). Check the provider's settings and that the model is an embedding model.`,
    { cause: inner, isRetryable: false, details: { purpose: EMBED_PURPOSE, modelId: model.modelId, provider: model.provider } },
  );
}

export function aiSdkTextEmbedder(model: EmbeddingModelV4, options: AiSdkTextEmbedderOptions = {}): TextEmbedder {
  const attempts: AttemptSettings = { modelId: model.modelId, timeoutMs: options.timeoutMs ?? defaults.embedder.timeoutMs, accounting: options.accounting };
  // Our own retries (not embedMany's): every attempt is counted, and backoff follows the project's policy.
  const policy: RetryPolicy = { maxRetries: options.maxRetries ?? defaults.model.maxRetries, retryBaseMs: options.retryBaseMs ?? defaults.model.retryBaseMs };
  const maxBatchSize = batchSizeOf(model, options.maxBatchSize);
  let dimensions = options.dimensions;

  const check = (vectors: number[][], expectedCount: number): void => {
    if (vectors.length !== expectedCount) throw new EmbeddingMismatchError(`Embedder ${model.modelId}${options.where ? ` ${options.where}` : ''} returned ${vectors.length} vectors for ${expectedCount} texts. Check that the endpoint implements /v1/embeddings.`);
    for (const vector of vectors) {
      dimensions ??= vector.length;
      if (vector.length !== dimensions) {
        const fix = options.dimensions ? `Set ${options.dimensionsSetting ?? 'the dimensions option'} to what the model produces, or remove it.` : 'The provider changed models while in use.';
        throw new EmbeddingMismatchError(`Embedder ${model.modelId} returned a ${vector.length}-d vector where ${dimensions}-d was expected. ${fix}`);
      }
    }
  };

  const embedBatch = (values: string[], signal: AbortSignal | undefined): Promise<number[][]> =>
    withRetries(policy, signal, async () => {
      const attempt = startAttempt(attempts, EMBED_PURPOSE, signal);
      try {
        const result = await aiSdk().embedMany({ model, values, maxRetries: 0, abortSignal: attempt.signal, ...(options.dimensions ? { dimensions: options.dimensions } : {}) });
        const tokens = result.usage.tokens;
        attempt.succeeded({ inputTokens: Number.isFinite(tokens) ? tokens : 0, outputTokens: 0 });
        return result.embeddings;
      } catch (error) {
        throw attempt.failed(explain(error, model, attempt.signal));
      }
    });

  return {
    modelId: model.modelId,
    maxBatchSize,
    get dimensions(): number {
      if (dimensions === undefined) throw new ConfigError(`The dimension of embedder ${model.modelId} is learned from its first response; embed something first or pass the dimensions option.`);
      return dimensions;
    },
    async embed(texts, callOptions) {
      const vectors: number[][] = [];
      for (let start = 0; start < texts.length; start += maxBatchSize) {
        const batch = texts.slice(start, start + maxBatchSize);
        const result = await embedBatch(batch, callOptions?.signal);
        check(result, batch.length);
        vectors.push(...result);
      }
      return vectors;
    },
  };
}
