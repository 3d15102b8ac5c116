// Structured output over the wire: the prompt's JSON schema goes out as response_format, and auto steps down
// (json_schema → json_object → off) when a server rejects the format, once, telling its caller.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chatCompletion, errorResponse, startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../test/openai-compatible-server.ts';
import { createChatClient } from './chat-client.ts';
import { openAiCompatibleChatModel } from './openai-compatible-chat-model.ts';
import type { ResponseFormatMode } from './response-format.ts';
import { outputFormatOf } from '../prompts/output-format.ts';
import { rememberTurnPrompt } from '../prompts/remember-turn.ts';

let server: OpenAiCompatibleServer;
before(async () => {
  server = await startOpenAiCompatibleServer();
});
after(async () => {
  assert.deepEqual(server.unscripted, [], 'every request was scripted');
  await server.close();
});

const output = outputFormatOf(rememberTurnPrompt)!;
const request = { purpose: 'remember.turn', prompt: 'remember.turn@2', output, messages: [{ role: 'user' as const, content: 'Answer with JSON.' }] };
const client = (responseFormat: ResponseFormatMode, onFormatDowngrade?: (from: string, to: string) => void) =>
  createChatClient(openAiCompatibleChatModel({ baseUrl: server.baseUrl, modelId: 'm' }), { retryBaseMs: 1, maxRetries: 0, responseFormat, ...(onFormatDowngrade ? { onFormatDowngrade } : {}) });
const bodyOf = (index: number) => server.requests.at(index)?.body as Record<string, unknown>;

test("the prompt's output schema is the JSON schema of the zod shape its parser checks, sent as json_schema", async () => {
  assert.equal(output.name, 'remember_turn');
  const properties = output.schema.properties as Record<string, Record<string, unknown>>;
  assert.deepEqual(Object.keys(properties), ['personality', 'memories']);
  assert.deepEqual(output.schema.required, ['personality', 'memories']);
  server.script('POST /chat/completions', { json: chatCompletion('{"personality": {}, "memories": []}') });
  const result = await client('json_schema').generate(request);
  assert.equal(result.text, '{"personality": {}, "memories": []}', 'the text comes back as sent, for the tolerant parser');
  const format = bodyOf(-1).response_format as { type: string; json_schema: { name: string; schema: unknown; strict: boolean } };
  assert.equal(format.type, 'json_schema');
  assert.equal(format.json_schema.name, 'remember_turn');
  assert.deepEqual(format.json_schema.schema, output.schema);
  assert.equal(format.json_schema.strict, false, 'optional fields are allowed: non-strict');
  assert.equal(server.requests.at(-1)?.headers['x-personavlm-prompt'], 'remember.turn@2');
});

test('json_object sends JSON mode without a schema; off sends no response_format; a request without output none either', async () => {
  server.script('POST /chat/completions', { json: chatCompletion('{}') }, { json: chatCompletion('{}') }, { json: chatCompletion('hi') });
  await client('json_object').generate(request);
  assert.deepEqual(bodyOf(-1).response_format, { type: 'json_object' });
  await client('off').generate(request);
  assert.equal(bodyOf(-1).response_format, undefined);
  await client('json_schema').generate({ purpose: 'agent.round', messages: request.messages });
  assert.equal(bodyOf(-1).response_format, undefined);
});

test('auto steps down when the server rejects the format, tells the caller once, and keeps the weaker format', async () => {
  const downgrades: string[] = [];
  const auto = client('auto', (from, to) => downgrades.push(`${from}→${to}`));
  server.script(
    'POST /chat/completions',
    errorResponse(400, "response_format type 'json_schema' is not supported"),
    errorResponse(400, 'response_format json_object is not supported by this model'),
    { json: chatCompletion('{"ok": true}') },
    { json: chatCompletion('{"ok": true}') },
  );
  const result = await auto.generate(request);
  assert.equal(result.text, '{"ok": true}');
  assert.deepEqual(downgrades, ['json_schema→json_object', 'json_object→off']);
  assert.equal(auto.responseFormat(), 'off');
  assert.equal(bodyOf(-1).response_format, undefined, 'the third try sent none');
  await auto.generate(request);
  assert.equal(bodyOf(-1).response_format, undefined, 'and later calls start from what worked');
  assert.equal(downgrades.length, 2);
});

test('a 400 about something else is not a format rejection: it fails, nothing steps down', async () => {
  const downgrades: string[] = [];
  const auto = client('auto', (from, to) => downgrades.push(`${from}→${to}`));
  server.script('POST /chat/completions', errorResponse(400, 'maximum context length exceeded'));
  await assert.rejects(auto.generate(request), /HTTP 400/);
  assert.deepEqual(downgrades, []);
  assert.equal(auto.responseFormat(), 'json_schema');
});
