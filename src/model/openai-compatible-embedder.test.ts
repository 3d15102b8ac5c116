import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, EmbeddingMismatchError, ModelCallError } from '../errors/index.ts';
import { embeddingsResponse, errorResponse, startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../test/openai-compatible-server.ts';
import { createModelAccounting } from './accounting.ts';
import { EMBED_PURPOSE, openAiCompatibleEmbedder } from './openai-compatible-embedder.ts';

let server: OpenAiCompatibleServer;
before(async () => {
  server = await startOpenAiCompatibleServer();
});
after(async () => {
  assert.deepEqual(server.unscripted, [], 'every request was scripted');
  await server.close();
});

const vector = (seed: number, size = 3) => Array.from({ length: size }, (_, index) => seed + index / 10);
const inputsOf = (from: number) => server.requests.slice(from).map((request) => (request.body as { input: string[] }).input);

test('batches by maxBatchSize, keeps order, learns the dimension and counts tokens', async () => {
  server.script('POST /embeddings', { json: embeddingsResponse([vector(1), vector(2)], 4) }, { json: embeddingsResponse([vector(3)], 2) });
  const accounting = createModelAccounting();
  const embedder = openAiCompatibleEmbedder({ baseUrl: server.baseUrl, modelId: 'nomic-embed-text', maxBatchSize: 2, accounting, retryBaseMs: 1 });
  assert.throws(() => embedder.dimensions, ConfigError);
  const from = server.requests.length;
  const vectors = await embedder.embed(['a', 'b', 'c']);
  assert.deepEqual(vectors, [vector(1), vector(2), vector(3)]);
  assert.deepEqual(inputsOf(from), [['a', 'b'], ['c']]);
  assert.equal((server.requests[from]?.body as { model: string }).model, 'nomic-embed-text');
  assert.equal(embedder.dimensions, 3);
  assert.deepEqual({ ...accounting.snapshot().byPurpose[EMBED_PURPOSE], latencyMs: 0 }, { calls: 2, inputTokens: 6, outputTokens: 0, latencyMs: 0, failures: 0 });
});

test('a configured dimension is sent and enforced', async () => {
  server.script('POST /embeddings', { json: embeddingsResponse([vector(1, 5)]) });
  const embedder = openAiCompatibleEmbedder({ baseUrl: server.baseUrl, modelId: 'm', dimensions: 3 });
  await assert.rejects(embedder.embed(['a']), (error) => error instanceof EmbeddingMismatchError && /5-d vector where 3-d.*embedder\.dimensions/.test(error.message));
  assert.equal((server.requests.at(-1)?.body as { dimensions: number }).dimensions, 3);
});

test('a wrong number of vectors is an error, not a silent misalignment', async () => {
  server.script('POST /embeddings', { json: embeddingsResponse([vector(1)]) });
  const embedder = openAiCompatibleEmbedder({ baseUrl: server.baseUrl, modelId: 'm' });
  await assert.rejects(embedder.embed(['a', 'b']), /Embedding model "m".*Expected 2 embeddings, but received 1/);
});

test('429 is retried; 400 is not', async () => {
  server.script('POST /embeddings', errorResponse(429, 'busy'), { json: embeddingsResponse([vector(1)]) }, errorResponse(400, 'bad input'));
  const embedder = openAiCompatibleEmbedder({ baseUrl: server.baseUrl, modelId: 'm', retryBaseMs: 1 });
  assert.deepEqual(await embedder.embed(['a']), [vector(1)]);
  const from = server.requests.length;
  await assert.rejects(embedder.embed(['b']), (error) => error instanceof ModelCallError && !error.isRetryable && /HTTP 400/.test(error.message));
  assert.equal(server.requests.length - from, 1);
});
