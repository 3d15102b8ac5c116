import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APICallError } from '@ai-sdk/provider';
import { ConfigError, EmbeddingMismatchError, ModelCallError } from '../errors/index.ts';
import { ScriptedEmbeddingModel } from '../test/scripted-embedding-model.ts';
import { createModelAccounting } from './accounting.ts';
import { aiSdkTextEmbedder } from './ai-sdk-text-embedder.ts';
import { EMBED_PURPOSE } from './openai-compatible-embedder.ts';

const vector = (seed: number, size = 3) => Array.from({ length: size }, (_, index) => seed + index / 10);
const apiError = (statusCode: number) =>
  new APICallError({ message: `HTTP ${statusCode}`, url: 'http://embed.test/v1/embeddings', requestBodyValues: {}, statusCode, responseBody: 'nope', isRetryable: statusCode >= 500 || statusCode === 429 });

test('batches by maxBatchSize, keeps order, learns the dimension and counts every call', async () => {
  const model = new ScriptedEmbeddingModel([[vector(1), vector(2)], { embeddings: [vector(3)], tokens: 7 }], { modelId: 'text-embedding-3-small' });
  const accounting = createModelAccounting();
  const embedder = aiSdkTextEmbedder(model, { maxBatchSize: 2, accounting });
  assert.equal(embedder.modelId, 'text-embedding-3-small');
  assert.equal(embedder.maxBatchSize, 2);
  assert.throws(() => embedder.dimensions, ConfigError);
  assert.deepEqual(await embedder.embed(['a', 'b', 'c']), [vector(1), vector(2), vector(3)]);
  assert.deepEqual(model.calls.map((call) => call.values), [['a', 'b'], ['c']]);
  assert.deepEqual(model.calls.map((call) => call.dimensions), [undefined, undefined]);
  assert.ok(model.calls.every((call) => call.abortSignal instanceof AbortSignal), 'every call carries the timeout signal');
  assert.equal(embedder.dimensions, 3);
  assert.deepEqual({ ...accounting.snapshot().byPurpose[EMBED_PURPOSE], latencyMs: 0 }, { calls: 2, inputTokens: 9, outputTokens: 0, latencyMs: 0, failures: 0 });
  assert.deepEqual(await embedder.embed([]), [], 'nothing to embed makes no call');
  assert.equal(model.calls.length, 2);
});

test("the batch size follows the model's maxEmbeddingsPerCall, capped by the default", async () => {
  const small = new ScriptedEmbeddingModel([[vector(1), vector(2), vector(3)], [vector(4)]], { maxEmbeddingsPerCall: 3 });
  const embedder = aiSdkTextEmbedder(small);
  assert.equal(embedder.maxBatchSize, 3);
  await embedder.embed(['a', 'b', 'c', 'd']);
  assert.deepEqual(small.calls.map((call) => call.values.length), [3, 1]);
  assert.equal(aiSdkTextEmbedder(new ScriptedEmbeddingModel([], { maxEmbeddingsPerCall: 100_000 })).maxBatchSize, 64);
  assert.equal(aiSdkTextEmbedder(new ScriptedEmbeddingModel()).maxBatchSize, 64);
  // A configured batch above the model's limit still works: embedMany splits it into calls the model accepts.
  const split = new ScriptedEmbeddingModel([[vector(1), vector(2)], [vector(3)]], { maxEmbeddingsPerCall: 2 });
  assert.deepEqual(await aiSdkTextEmbedder(split, { maxBatchSize: 10 }).embed(['a', 'b', 'c']), [vector(1), vector(2), vector(3)]);
  assert.deepEqual(split.calls.map((call) => call.values), [['a', 'b'], ['c']]);
  assert.throws(() => aiSdkTextEmbedder(new ScriptedEmbeddingModel(), { maxBatchSize: 0 }), ConfigError);
});

test('a configured dimension is sent to the model and enforced; a learned one is held', async () => {
  const model = new ScriptedEmbeddingModel([[vector(1, 5)]]);
  await assert.rejects(aiSdkTextEmbedder(model, { dimensions: 3 }).embed(['a']), (error) => error instanceof EmbeddingMismatchError && /5-d vector where 3-d.*dimensions option/.test(error.message));
  assert.equal(model.calls[0]?.dimensions, 3);
  const drifting = new ScriptedEmbeddingModel([[vector(1, 4)], [vector(2, 6)]]);
  const embedder = aiSdkTextEmbedder(drifting);
  await embedder.embed(['a']);
  await assert.rejects(embedder.embed(['b']), (error) => error instanceof EmbeddingMismatchError && /6-d vector where 4-d/.test(error.message));
});

test('a wrong number of vectors is an error, not a silent misalignment', async () => {
  const embedder = aiSdkTextEmbedder(new ScriptedEmbeddingModel([[vector(1)]], { modelId: 'short' }));
  await assert.rejects(embedder.embed(['a', 'b']), (error) => error instanceof ModelCallError && /"short".*Expected 2 embeddings, but received 1/.test(error.message));
});

test('provider errors become ModelCallError: 429 and 5xx retried, 4xx not, failures counted', async () => {
  const accounting = createModelAccounting();
  const model = new ScriptedEmbeddingModel([{ error: apiError(429) }, { error: apiError(503) }, [vector(1)], { error: apiError(400) }], { modelId: 'm' });
  const embedder = aiSdkTextEmbedder(model, { retryBaseMs: 1, maxRetries: 2, accounting });
  assert.deepEqual(await embedder.embed(['a']), [vector(1)]);
  assert.equal(model.calls.length, 3);
  await assert.rejects(embedder.embed(['b']), (error) => error instanceof ModelCallError && !error.isRetryable && /HTTP 400/.test(error.message));
  assert.equal(model.calls.length, 4, 'a 400 is not retried');
  assert.equal(accounting.snapshot().byPurpose[EMBED_PURPOSE]?.failures, 3);
  const broken = aiSdkTextEmbedder(new ScriptedEmbeddingModel([{ error: new TypeError('cannot read x') }], { modelId: 'buggy' }));
  await assert.rejects(broken.embed(['a']), (error) => error instanceof ModelCallError && /"buggy" of provider "scripted" failed \(TypeError: cannot read x\)/.test(error.message));
});

test('a timeout and a caller abort are told apart', async () => {
  // AbortSignal.timeout does not keep Node alive; the held timer stands in for the open socket of a real call.
  const hang = (call: { abortSignal: AbortSignal | undefined }) =>
    new Promise<number[][]>((_, reject) => {
      const held = setTimeout(() => reject(new Error('the abort never came')), 5_000);
      call.abortSignal?.addEventListener('abort', () => {
        clearTimeout(held);
        reject(call.abortSignal?.reason);
      }, { once: true });
    });
  const slow = aiSdkTextEmbedder(new ScriptedEmbeddingModel([hang], { modelId: 'slow' }), { timeoutMs: 20, maxRetries: 0 });
  await assert.rejects(slow.embed(['a']), (error) => error instanceof ModelCallError && /did not answer embed\.text within 20 ms/.test(error.message));
  const controller = new AbortController();
  const cancelled = aiSdkTextEmbedder(new ScriptedEmbeddingModel([hang], { modelId: 'c' }), { maxRetries: 0 });
  const pending = cancelled.embed(['a'], { signal: controller.signal });
  controller.abort();
  await assert.rejects(pending, (error) => error instanceof ModelCallError && error.details.cancelled === true);
});

test('an unscripted call fails loudly', async () => {
  const model = new ScriptedEmbeddingModel([], { modelId: 'empty' });
  await assert.rejects(aiSdkTextEmbedder(model, { maxRetries: 0 }).embed(['a']), /unscripted call 0/);
});
