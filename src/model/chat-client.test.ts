import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelCallError } from '../errors/index.ts';
import { chatChunks, chatCompletion, errorResponse, startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../test/openai-compatible-server.ts';
import { createModelAccounting } from './accounting.ts';
import { createChatClient } from './chat-client.ts';
import { openAiCompatibleChatModel } from './openai-compatible-chat-model.ts';

let server: OpenAiCompatibleServer;
before(async () => {
  server = await startOpenAiCompatibleServer();
});
after(async () => {
  assert.deepEqual(server.unscripted, [], 'every request was scripted');
  await server.close();
});

const client = (options: Parameters<typeof createChatClient>[1] = {}) =>
  createChatClient(openAiCompatibleChatModel({ baseUrl: server.baseUrl, modelId: 'qwen2.5vl:7b', apiKey: 'sk-test' }), { retryBaseMs: 1, ...options });
const lastBody = () => server.requests.at(-1)?.body as Record<string, unknown>;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

test('generate sends greedy defaults, system + user messages and the key, and returns text and usage', async () => {
  server.script('POST /chat/completions', { json: chatCompletion('Hello Ana.', { prompt_tokens: 21, completion_tokens: 3 }) });
  const accounting = createModelAccounting();
  const result = await client({ accounting }).generate({
    purpose: 'agent.round',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi, I am Ana.' },
    ],
  });
  assert.equal(result.text, 'Hello Ana.');
  assert.deepEqual(result.usage, { inputTokens: 21, outputTokens: 3 });
  assert.equal(result.finishReason, 'stop');
  const body = lastBody();
  assert.equal(body.model, 'qwen2.5vl:7b');
  assert.equal(body.temperature, 0);
  assert.equal(body.max_tokens, 1024);
  assert.deepEqual(body.messages, [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi, I am Ana.' },
  ]);
  assert.equal(server.requests.at(-1)?.headers.authorization, 'Bearer sk-test');
  const stats = accounting.snapshot();
  assert.deepEqual({ ...stats.byPurpose['agent.round'], latencyMs: 0 }, { calls: 1, inputTokens: 21, outputTokens: 3, latencyMs: 0, failures: 0 });
  assert.ok(stats.total.latencyMs > 0);
});

test('images travel as image_url data URLs beside the text', async () => {
  server.script('POST /chat/completions', { json: chatCompletion('A cat.') });
  await client().generate({ purpose: 'agent.round', messages: [{ role: 'user', content: 'What is this?', images: [{ bytes: PNG, mime: 'image/png' }] }] });
  const [message] = lastBody().messages as Array<{ content: Array<Record<string, unknown>> }>;
  assert.deepEqual(message?.content, [
    { type: 'image_url', image_url: { url: `data:image/png;base64,${Buffer.from(PNG).toString('base64')}` } },
    { type: 'text', text: 'What is this?' },
  ]);
});

test('stream yields SSE deltas in order and resolves the result with usage', async () => {
  server.script('POST /chat/completions', { sse: chatChunks(['Hel', 'lo', '!'], { prompt_tokens: 7, completion_tokens: 3 }) });
  const accounting = createModelAccounting();
  const stream = client({ accounting }).stream({ purpose: 'agent.answer', messages: [{ role: 'user', content: 'hi' }] });
  const deltas: string[] = [];
  for await (const delta of stream.textStream) deltas.push(delta);
  assert.deepEqual(deltas, ['Hel', 'lo', '!']);
  const result = await stream.result;
  assert.equal(result.text, 'Hello!');
  assert.deepEqual(result.usage, { inputTokens: 7, outputTokens: 3 });
  assert.equal(lastBody().stream, true);
  assert.equal(accounting.snapshot().byPurpose['agent.answer']?.calls, 1);
});

test('429 then success is retried, and both attempts are counted', async () => {
  server.script('POST /chat/completions', errorResponse(429, 'slow down'), { json: chatCompletion('ok') });
  const accounting = createModelAccounting();
  const before = server.requests.length;
  const result = await client({ accounting }).generate({ purpose: 'remember.turn', messages: [{ role: 'user', content: 'x' }] });
  assert.equal(result.text, 'ok');
  assert.equal(server.requests.length - before, 2);
  const stats = accounting.snapshot().byPurpose['remember.turn'];
  assert.equal(stats?.calls, 2);
  assert.equal(stats?.failures, 1);
});

test("a 429's retry-after-ms is obeyed before the retry", async () => {
  server.script('POST /chat/completions', { status: 429, json: { error: { message: 'wait' } }, headers: { 'retry-after-ms': '150' } }, { json: chatCompletion('ok') });
  const started = performance.now();
  await client().generate({ purpose: 'p', messages: [{ role: 'user', content: 'x' }] });
  assert.ok(performance.now() - started >= 150);
});

test('500 is retried until retries run out, then fails with advice', async () => {
  server.script('POST /chat/completions', errorResponse(500, 'boom'), errorResponse(500, 'boom'));
  const before = server.requests.length;
  await assert.rejects(client({ maxRetries: 1 }).generate({ purpose: 'p', messages: [{ role: 'user', content: 'x' }] }), (error) => {
    assert.ok(error instanceof ModelCallError);
    assert.equal(error.isRetryable, true);
    assert.match(error.message, /HTTP 500.*logs/);
    return true;
  });
  assert.equal(server.requests.length - before, 2);
});

test('400 is not retried and names what to check', async () => {
  server.script('POST /chat/completions', errorResponse(400, 'image input not supported'));
  const accounting = createModelAccounting();
  const before = server.requests.length;
  await assert.rejects(client({ accounting }).generate({ purpose: 'p', messages: [{ role: 'user', content: 'x' }] }), (error) => {
    assert.ok(error instanceof ModelCallError);
    assert.equal(error.isRetryable, false);
    assert.match(error.message, /HTTP 400.*accepts images.*image input not supported/);
    return true;
  });
  assert.equal(server.requests.length - before, 1);
  assert.equal(accounting.snapshot().total.failures, 1);
});

test('a server that never answers times out with a message naming the setting; a timeout is retried', async () => {
  server.script('POST /chat/completions', { hang: true }, { hang: true });
  await assert.rejects(client({ timeoutMs: 150, maxRetries: 1 }).generate({ purpose: 'p', messages: [{ role: 'user', content: 'x' }] }), (error) => {
    assert.ok(error instanceof ModelCallError);
    assert.equal(error.details.timedOut, true);
    assert.equal(error.isRetryable, true, 'so the update worker retries the job later too');
    assert.match(error.message, /within 150 ms.*timeoutMs/);
    return true;
  });
});

test('the caller can cancel a call', async () => {
  server.script('POST /chat/completions', { hang: true });
  const controller = new AbortController();
  const call = client().generate({ purpose: 'p', messages: [{ role: 'user', content: 'x' }], signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(call, (error) => error instanceof ModelCallError && error.details.cancelled === true);
});

test('a malformed SSE chunk fails the stream with a clear error', async () => {
  server.script('POST /chat/completions', { sse: [chatChunks(['Hi'])[1]!, '{not json'] });
  const stream = client().stream({ purpose: 'p', messages: [{ role: 'user', content: 'x' }] });
  const deltas: string[] = [];
  await assert.rejects(
    (async () => {
      for await (const delta of stream.textStream) deltas.push(delta);
    })(),
    (error) => error instanceof ModelCallError && /not a valid OpenAI-compatible response/.test(error.message),
  );
  assert.deepEqual(deltas, ['Hi']);
  await assert.rejects(stream.result, ModelCallError);
});

test('a stream that fails before its first token is retried', async () => {
  server.script('POST /chat/completions', errorResponse(503, 'loading model'), { sse: chatChunks(['ok']) });
  const stream = client().stream({ purpose: 'p', messages: [{ role: 'user', content: 'x' }] });
  const deltas: string[] = [];
  for await (const delta of stream.textStream) deltas.push(delta);
  assert.deepEqual(deltas, ['ok']);
});

test('an unreachable endpoint says to check the server', async () => {
  const model = openAiCompatibleChatModel({ baseUrl: 'http://127.0.0.1:9/v1', modelId: 'm' });
  await assert.rejects(createChatClient(model, { maxRetries: 0 }).generate({ purpose: 'p', messages: [{ role: 'user', content: 'x' }] }), (error) => {
    assert.ok(error instanceof ModelCallError);
    assert.equal(error.isRetryable, true);
    assert.match(error.message, /Could not reach .*doctor/);
    return true;
  });
});
