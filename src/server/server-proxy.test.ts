// The OpenAI-compatible proxy end to end: the official `openai` client calls the app, the app calls the
// project's scripted OpenAI-compatible server over a socket. Asserted: what the endpoint RECEIVED (model, tools,
// one memory block), that answers and tool calls come back untouched, and what was stored (no turn twice).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { createPersona } from '../persona.ts';
import { chatChunks, chatCompletion, errorResponse, startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../test/openai-compatible-server.ts';
import { createServer } from './create-server.ts';
import { ACME, GLOBEX, KEYS, send, tinyPng } from './test-support.ts';

let upstream: OpenAiCompatibleServer;
let app: ReturnType<typeof createServer>;
const persona = createPersona({ config: { store: { dataDir: ':memory:' }, model: { baseUrl: 'http://127.0.0.1:9/v1', modelId: 'upstream-default' }, server: { proxyModels: ['gpt-4o=qwen-upstream', 'llava'] } }, model: null, embedder: null, vision: false });
const clientOf = (key: string) => new OpenAI({ baseURL: 'http://personavlm.test/v1', apiKey: key, maxRetries: 0, fetch: async (url, init) => app.request(String(url), init) });

before(async () => {
  upstream = await startOpenAiCompatibleServer();
  await persona.open();
  const { chatCompletionsUpstream } = await import('../model/chat-completions-upstream.ts');
  app = createServer({ persona, auth: { keys: { ...KEYS } }, now: () => new Date('2026-03-03T18:00:00Z'), upstream: chatCompletionsUpstream({ baseUrl: upstream.baseUrl, modelId: 'upstream-default', timeoutMs: 10_000 }) });
});
after(async () => {
  await persona.close();
  await upstream.close();
});

type Sent = { model?: string; messages: Array<{ role: string; content: unknown }>; [field: string]: unknown };
const lastSent = (): Sent => upstream.requests.at(-1)!.body as Sent;
const memoryBlocks = (body: Sent) => body.messages.filter((m) => m.role === 'system' && String(m.content).includes('<personavlm_memory>'));
const stored = async (userId: string) => (await persona.turns.list(userId)).map((turn) => `${turn.role}: ${turn.text}`);
const WEATHER_TOOL = { type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } } as const;

test('a mapped model, the client\'s fields and tools go upstream with one memory block; the answer comes back as sent and is stored', async () => {
  await persona.recordTurn({ userId: 'acme:ann', role: 'user', text: 'I adopted a grey cat called Miso.', at: new Date('2026-03-01T09:00:00Z') });
  await persona.memories.add('acme:ann', { type: 'core', key: 'name', content: 'Name: Ann' });
  upstream.script('POST /chat/completions', { json: chatCompletion('Your cat is called Miso.') });

  const answer = await clientOf(ACME).chat.completions.create({
    model: 'gpt-4o',
    user: 'ann',
    temperature: 0.3,
    tools: [WEATHER_TOOL],
    messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'What is my cat called?' }],
  });
  assert.equal(answer.choices[0]!.message.content, 'Your cat is called Miso.');
  assert.equal(answer.model, 'test-model', 'the endpoint\'s response, untouched');
  const sent = lastSent();
  assert.equal(sent.model, 'qwen-upstream', 'gpt-4o is mapped by server.proxyModels');
  assert.equal(sent.temperature, 0.3);
  assert.deepEqual(sent.tools, [WEATHER_TOOL]);
  assert.equal(sent.user, undefined, 'the persona user name stays here');
  assert.deepEqual(sent.messages.map((m) => m.role), ['system', 'system', 'user']);
  assert.equal(sent.messages[0]!.content, 'Be brief.');
  assert.equal(memoryBlocks(sent).length, 1);
  const block = String(sent.messages[1]!.content);
  assert.match(block, /Name: Ann/);
  assert.match(block, /grey cat called Miso/, 'the earlier turn was retrieved');
  assert.doesNotMatch(block, /What is my cat called/, 'the conversation in the prompt is not repeated as memory');
  assert.deepEqual(await stored('acme:ann'), ['user: I adopted a grey cat called Miso.', 'user: What is my cat called?', 'assistant: Your cat is called Miso.']);
  assert.deepEqual(upstream.unscripted, []);
});

test('streaming: the resent history is not stored again, chunks pass through, the streamed answer is stored', async () => {
  upstream.script('POST /chat/completions', { sse: chatChunks(['It is ', 'grey, ', 'like a cloud.']) });
  const stream = await clientOf(ACME).chat.completions.create({
    model: 'llava',
    user: 'ann',
    stream: true,
    stream_options: { include_usage: true },
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'What is my cat called?' },
      { role: 'assistant', content: 'Your cat is called Miso.' },
      { role: 'user', content: 'What colour is Miso?' },
    ],
  });
  const parts: string[] = [];
  let usage: unknown = null;
  for await (const chunk of stream) {
    parts.push(chunk.choices[0]?.delta.content ?? '');
    usage = chunk.usage ?? usage;
  }
  assert.equal(parts.join(''), 'It is grey, like a cloud.');
  assert.deepEqual(usage, { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 }, 'the endpoint\'s usage chunk passed through');
  const sent = lastSent();
  assert.equal(sent.model, 'llava', 'an allowed name passes as it is');
  assert.equal(sent.stream, true);
  assert.equal(memoryBlocks(sent).length, 1);
  assert.deepEqual(await stored('acme:ann'), [
    'user: I adopted a grey cat called Miso.',
    'user: What is my cat called?',
    'assistant: Your cat is called Miso.',
    'user: What colour is Miso?',
    'assistant: It is grey, like a cloud.',
  ]);
});

test('tool calls pass through untouched both ways; tool results are sent upstream but not stored as the user\'s words', async () => {
  const toolCall = { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Porto"}' } };
  upstream.script('POST /chat/completions', { json: { id: 'chatcmpl-t', object: 'chat.completion', created: 1, model: 'test-model', choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [toolCall] }, finish_reason: 'tool_calls' }] } });
  const history = [{ role: 'user' as const, content: 'Weather in Porto?' }];
  const first = await clientOf(ACME).chat.completions.create({ model: 'llava', user: 'eve', tools: [WEATHER_TOOL], messages: history });
  assert.deepEqual(first.choices[0]!.message.tool_calls, [toolCall]);
  assert.equal(first.choices[0]!.finish_reason, 'tool_calls');

  const toolDeltas = [
    { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'test-model', choices: [{ index: 0, delta: { role: 'assistant', tool_calls: [{ index: 0, id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '' } }] }, finish_reason: null }] },
    { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'test-model', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":"Lisbon"}' } }] }, finish_reason: null }] },
    { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'test-model', choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
  ];
  upstream.script('POST /chat/completions', { sse: toolDeltas });
  const response = await app.request('/v1/chat/completions', {
    method: 'POST',
    headers: { authorization: `Bearer ${ACME}`, 'content-type': 'application/json', 'x-persona-user': 'eve' },
    body: JSON.stringify({
      model: 'llava',
      stream: true,
      tools: [WEATHER_TOOL],
      messages: [...history, { role: 'assistant', content: null, tool_calls: [toolCall] }, { role: 'tool', tool_call_id: 'call_1', content: '{"temp": 18}' }, { role: 'user', content: 'And Lisbon?' }],
    }),
  });
  const text = await response.text();
  const expected = [...toolDeltas.map((delta) => `data: ${JSON.stringify(delta)}`), 'data: [DONE]'].join('\n\n');
  assert.equal(text.trim(), expected, 'the stream is byte for byte what the endpoint sent');
  const sent = lastSent();
  assert.deepEqual(sent.messages.slice(2, 4), [{ role: 'assistant', content: null, tool_calls: [toolCall] }, { role: 'tool', tool_call_id: 'call_1', content: '{"temp": 18}' }]);
  assert.deepEqual(await stored('acme:eve'), ['user: Weather in Porto?', 'user: And Lisbon?'], 'tool calls and results are no turns');
});

test('images from data URLs are stored with their turn and sent upstream as they came; a model that names none gets the default', async () => {
  const png = `data:image/png;base64,${Buffer.from(await tinyPng()).toString('base64')}`;
  upstream.script('POST /chat/completions', { json: chatCompletion('A red square.') });
  const content = [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: png } }, { type: 'image_url', image_url: { url: 'https://example.test/b.jpg' } }];
  const sent = await send(app, 'POST', '/v1/chat/completions', { key: ACME, json: { user: 'fay', messages: [{ role: 'user', content }] } });
  assert.equal(sent.status, 200, sent.text);
  assert.equal(lastSent().model, 'upstream-default');
  assert.deepEqual(lastSent().messages.at(-1), { role: 'user', content });
  const [turn] = await persona.turns.list('acme:fay', { role: 'user' });
  assert.equal(turn!.images.length, 1, 'the data-URL image is stored; the remote one is only named');
  assert.deepEqual(turn!.metadata.imageUrls, ['https://example.test/b.jpg']);
});

test('a model outside server.proxyModels, a missing user and the endpoint\'s own errors are clear; nothing is stored for a refused request', async () => {
  const refused = await clientOf(ACME).chat.completions.create({ model: 'gpt-5', user: 'gil', messages: [{ role: 'user', content: 'hi' }] }).catch((error: unknown) => error);
  assert.ok(refused instanceof OpenAI.BadRequestError);
  assert.match(refused.message, /"gpt-5" is not offered here; use one of "gpt-4o", "llava"/);
  assert.deepEqual(await stored('acme:gil'), []);

  const anonymous = await send(app, 'POST', '/v1/chat/completions', { key: ACME, json: { messages: [{ role: 'user', content: 'hi' }] } });
  assert.equal(anonymous.status, 400);
  assert.match(anonymous.body.error.message, /"user" field or the X-Persona-User header/);
  const noUserMessage = await send(app, 'POST', '/v1/chat/completions', { key: ACME, json: { user: 'gil', messages: [{ role: 'system', content: 'x' }] } });
  assert.equal(noUserMessage.status, 400);
  assert.match(noUserMessage.body.error.message, /role "user"/);

  upstream.script('POST /chat/completions', errorResponse(404, 'model "llava" not found, try pulling it first'));
  const missing = await clientOf(ACME).chat.completions.create({ model: 'llava', user: 'gil', messages: [{ role: 'user', content: 'hi' }] }).catch((error: unknown) => error);
  assert.ok(missing instanceof OpenAI.NotFoundError, String(missing));
  assert.match(missing.message, /try pulling it first/, 'the endpoint\'s own error reaches the client');

  const models = await clientOf(ACME).models.list();
  assert.deepEqual(models.data.map((model) => model.id), ['gpt-4o', 'llava']);
  assert.deepEqual(upstream.unscripted, []);
});

test('another tenant\'s key with the same user name gets none of this user\'s memory', async () => {
  upstream.script('POST /chat/completions', { json: chatCompletion('I do not know.') });
  await clientOf(GLOBEX).chat.completions.create({ model: 'llava', user: 'ann', messages: [{ role: 'user', content: 'What is my cat called?' }] });
  const block = String(memoryBlocks(lastSent())[0]!.content);
  assert.doesNotMatch(block, /Miso|Name: Ann/);
  assert.deepEqual(await stored('globex:ann'), ['user: What is my cat called?', 'assistant: I do not know.']);
});

test('an endpoint that cannot be reached is a 502 whose details go to the log only', async () => {
  const { chatCompletionsUpstream } = await import('../model/chat-completions-upstream.ts');
  const closed = await startOpenAiCompatibleServer();
  const deadUrl = closed.baseUrl;
  await closed.close();
  const logs: string[] = [];
  const server = createServer({ persona, auth: { keys: { ...KEYS } }, log: (line) => logs.push(line), upstream: chatCompletionsUpstream({ baseUrl: deadUrl, modelId: 'm', timeoutMs: 5000 }) });
  const response = await send(server, 'POST', '/v1/chat/completions', { key: ACME, json: { user: 'hal', messages: [{ role: 'user', content: 'hi' }] } });
  assert.equal(response.status, 502);
  assert.equal(response.body.error.code, 'model_call_failed');
  assert.doesNotMatch(response.text, /127\.0\.0\.1/, 'the endpoint\'s address stays in the log');
  assert.match(logs.join('\n'), /could not be reached .* model\.baseUrl/);
});

test('without a configured model endpoint the proxy answers 503 saying what to set', async () => {
  const bare = createPersona({ config: { store: { dataDir: ':memory:' } }, model: null, embedder: null, vision: false });
  await bare.open();
  try {
    const response = await send(createServer({ persona: bare, auth: { keys: { ...KEYS } } }), 'POST', '/v1/chat/completions', { key: ACME, json: { user: 'ann', messages: [{ role: 'user', content: 'hi' }] } });
    assert.equal(response.status, 503);
    assert.match(response.body.error.message, /PERSONAVLM_MODEL_BASE_URL/);
  } finally {
    await bare.close();
  }
});
