// Chat over HTTP on a real PGlite store with the real agent (scripted model): JSON, SSE events, and the
// OpenAI-compatible proxy in both its formats.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateText, streamText } from 'ai';
import { openAiCompatibleChatModel } from '../model/openai-compatible-chat-model.ts';
import { ACME, fixture, parseSse, send, tinyPng } from './test-support.ts';
import { internalsOf } from '../persona.ts';

const { model, persona, app } = fixture();
before(() => persona.open());
after(() => persona.close());

test('chat answers as JSON, and with Accept: text/event-stream streams the run: retrieval, answer deltas, done', async () => {
  model.push('<think>A greeting with a fact.</think><answer>Nice to meet you, Ben.</answer>');
  const first = await send(app, 'POST', '/v1/users/ben/chat', { key: ACME, json: { text: 'Hi, I am Ben and I keep bees in my garden.', at: '2026-03-01T09:00:00Z' } });
  assert.equal(first.status, 200, first.text);
  assert.equal(first.body.answer, 'Nice to meet you, Ben.');
  assert.equal(first.body.calls, 1);
  assert.deepEqual(first.body.warnings, []);
  const stored = await internalsOf(persona).store.turns.list('acme:ben');
  assert.deepEqual(stored.map((t) => [t.role, t.id]), [['user', first.body.turnIds.user], ['assistant', first.body.turnIds.assistant]]);

  // Two hours later, a new session: the bees are out of the recent window and must be retrieved.
  model.push(
    '<think>Look up hobbies.</think><retrieve>{"keywords": ["bees", "garden"], "start_time": null, "end_time": null}</retrieve>',
    '<think>Found it.</think><answer>You keep bees in your garden.</answer>',
  );
  const response = await app.request('/v1/users/ben/chat', {
    method: 'POST',
    headers: { authorization: `Bearer ${ACME}`, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ text: 'What is my hobby?', at: '2026-03-01T11:30:00Z' }),
  });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  const text = await response.text();
  const events = parseSse(text);
  const names = events.map((e) => e.event);
  assert.ok(names.includes('retrieval.started') && names.includes('retrieval.items'), names.join(','));
  assert.equal(names.at(-1), 'done');
  const deltas = events.filter((e) => e.event === 'answer.delta').map((e) => JSON.parse(e.data).text as string);
  assert.ok(deltas.length > 1, 'the answer streams in pieces');
  assert.equal(deltas.join(''), 'You keep bees in your garden.');
  const items = JSON.parse(events.find((e) => e.event === 'retrieval.items')!.data);
  assert.match(JSON.stringify(items), /keep bees/, 'the earlier turn was retrieved');
  const done = JSON.parse(events.at(-1)!.data);
  assert.equal(done.answer, 'You keep bees in your garden.');
  assert.equal(done.calls, 2);
  assert.doesNotMatch(text, /acme:/, 'events name the user as the caller does');
  assert.match(model.calls.at(-1)!.promptText, /keep bees/, 'the model saw the retrieved turn');
  model.assertAllUsed();
});

test('an SSE chat whose model fails ends with an error event in the JSON error shape', async () => {
  model.push({ error: new Error('upstream exploded') });
  const response = await app.request('/v1/users/ben/chat', {
    method: 'POST',
    headers: { authorization: `Bearer ${ACME}`, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ text: 'Still there?' }),
  });
  const events = parseSse(await response.text());
  const last = events.at(-1)!;
  assert.equal(last.event, 'error');
  assert.equal(JSON.parse(last.data).error.type, 'server_error');
  assert.doesNotMatch(last.data, /exploded/);
  model.assertAllUsed();
});

test('the OpenAI-compatible proxy answers the last user message with memory, as chat.completion and as chunks', async () => {
  model.push('<think>Simple.</think><answer>Hello Cy, how can I help?</answer>');
  const plain = await send(app, 'POST', '/v1/chat/completions', {
    key: ACME,
    json: { model: 'gpt-whatever', temperature: 0.2, user: 'cy', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello there, I am Cy.' }] },
  });
  assert.equal(plain.status, 200, plain.text);
  assert.equal(plain.body.object, 'chat.completion');
  assert.match(plain.body.id, /^chatcmpl-/);
  assert.equal(plain.body.model, 'scripted-model', 'the model that answered');
  assert.deepEqual(plain.body.choices, [{ index: 0, message: { role: 'assistant', content: 'Hello Cy, how can I help?' }, finish_reason: 'stop', logprobs: null }]);
  assert.ok(plain.body.usage.prompt_tokens > 0 && plain.body.usage.total_tokens === plain.body.usage.prompt_tokens + plain.body.usage.completion_tokens);
  const turns = await internalsOf(persona).store.turns.list('acme:cy');
  assert.deepEqual(turns.map((t) => t.text), ['Hello there, I am Cy.', 'Hello Cy, how can I help?'], 'the exchange is remembered');

  model.push('<think>A red image.</think><answer>That is a red square.</answer>');
  const png = Buffer.from(await tinyPng()).toString('base64');
  const response = await app.request('/v1/chat/completions', {
    method: 'POST',
    headers: { authorization: `Bearer ${ACME}`, 'content-type': 'application/json', 'x-persona-user': 'cy' },
    body: JSON.stringify({
      stream: true,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } }] }],
    }),
  });
  assert.equal(response.status, 200);
  const data = parseSse(await response.text()).map((e) => e.data);
  assert.equal(data.at(-1), '[DONE]');
  const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
  assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === chunks[0].id));
  assert.equal(chunks[0].choices[0].delta.role, 'assistant');
  assert.equal(chunks.map((c) => c.choices[0].delta.content ?? '').join(''), 'That is a red square.');
  assert.equal(chunks.at(-1).choices[0].finish_reason, 'stop');
  assert.equal(model.calls.at(-1)!.images.length, 1, 'the data-URL image reached the model');
  const last = (await internalsOf(persona).store.turns.list('acme:cy', { role: 'user', order: 'desc', limit: 1 }))[0]!;
  assert.equal(last.images.length, 1, 'and was stored with the turn');

  const anonymous = await send(app, 'POST', '/v1/chat/completions', { key: ACME, json: { messages: [{ role: 'user', content: 'hi' }] } });
  assert.equal(anonymous.status, 400);
  assert.match(anonymous.body.error.message, /"user" field or the X-Persona-User header/);
  const noUserMessage = await send(app, 'POST', '/v1/chat/completions', { key: ACME, json: { user: 'cy', messages: [{ role: 'system', content: 'x' }] } });
  assert.equal(noUserMessage.status, 400);
  model.assertAllUsed();
});

test('the AI SDK OpenAI-compatible client works against the proxy, generating and streaming', async () => {
  // The project's own adapter for OpenAI-compatible servers, with fetch routed into the app (no port).
  const client = openAiCompatibleChatModel({
    baseUrl: 'http://personavlm.test/v1',
    modelId: 'any',
    apiKey: ACME,
    fetch: async (url, init) => app.request(String(url), init),
  });
  model.push('<think>Easy.</think><answer>Your name is Fay.</answer>', '<think>Still easy.</think><answer>You told me your name is Fay.</answer>');
  const generated = await generateText({ model: client, prompt: 'My name is Fay. What is my name?', headers: { 'x-persona-user': 'fay' } });
  assert.equal(generated.text, 'Your name is Fay.');
  assert.ok((generated.usage.inputTokens ?? 0) > 0);

  const streamed = streamText({ model: client, prompt: 'Say it again.', headers: { 'x-persona-user': 'fay' } });
  const parts: string[] = [];
  for await (const delta of streamed.textStream) parts.push(delta);
  assert.equal(parts.join(''), 'You told me your name is Fay.');
  assert.ok(parts.length > 1, 'streamed in pieces');
  assert.ok(((await streamed.usage).inputTokens ?? 0) > 0, 'the usage chunk was read (include_usage)');
  assert.deepEqual((await internalsOf(persona).store.turns.list('acme:fay')).map((t) => t.text), ['My name is Fay. What is my name?', 'Your name is Fay.', 'Say it again.', 'You told me your name is Fay.']);
  model.assertAllUsed();
});
