import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError, ModelCallError } from '../errors/index.ts';
import { createModelAccounting } from '../model/accounting.ts';
import { createChatClient } from '../model/chat-client.ts';
import { FixedTextEmbedder } from './fixed-text-embedder.ts';
import { ScriptedChatModel } from './scripted-chat-model.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

test('records what the model received, images included, and answers in script order', async () => {
  const model = new ScriptedChatModel(['first', (call) => `saw ${call.images.length} image`]);
  const client = createChatClient(model, { maxRetries: 0 });
  assert.equal((await client.generate({ purpose: 'p', messages: [{ role: 'system', content: 'S' }, { role: 'user', content: 'hello' }] })).text, 'first');
  const second = await client.generate({ purpose: 'p', messages: [{ role: 'user', content: 'look', images: [{ bytes: PNG, mime: 'image/png' }] }] });
  assert.equal(second.text, 'saw 1 image');
  assert.equal(model.calls[0]?.promptText, 'system: S\nuser: hello');
  assert.equal(model.calls[0]?.options.temperature, 0);
  assert.equal(model.calls[0]?.options.maxOutputTokens, 1024);
  assert.deepEqual(model.calls[1]?.images, [{ mediaType: 'image/png', bytes: PNG }]);
  model.assertAllUsed();
});

test('streams word by word with scripted usage', async () => {
  const model = new ScriptedChatModel([{ text: 'one two three', usage: { inputTokens: 9, outputTokens: 3 } }]);
  const accounting = createModelAccounting();
  const stream = createChatClient(model, { accounting }).stream({ purpose: 'agent.answer', messages: [{ role: 'user', content: 'count' }] });
  const deltas: string[] = [];
  for await (const delta of stream.textStream) deltas.push(delta);
  assert.deepEqual(deltas, ['one ', 'two ', 'three']);
  assert.deepEqual((await stream.result).usage, { inputTokens: 9, outputTokens: 3 });
  assert.equal(model.calls[0]?.method, 'stream');
  assert.equal(accounting.snapshot().byPurpose['agent.answer']?.inputTokens, 9);
});

test('an unscripted call fails loudly, and scripted errors are thrown', async () => {
  const model = new ScriptedChatModel([{ error: new Error('scripted failure') }]);
  const client = createChatClient(model, { maxRetries: 0 });
  await assert.rejects(client.generate({ purpose: 'p', messages: [{ role: 'user', content: 'a' }] }), /scripted failure/);
  await assert.rejects(client.generate({ purpose: 'p', messages: [{ role: 'user', content: 'b' }] }), (error) => error instanceof ModelCallError && /call #2 \(generate\) was not scripted/.test(error.message));
  assert.throws(() => new ScriptedChatModel(['unused']).assertAllUsed(), /never used/);
});

test('FixedTextEmbedder is deterministic, normalized, similarity-preserving, and checks batch size', async () => {
  const embedder = new FixedTextEmbedder({ dimensions: 32, maxBatchSize: 2 });
  const [a, b, c] = [...(await embedder.embed(['red bike ride', 'red bike ride'])), ...(await embedder.embed(['tax forms']))];
  const dot = (x: number[], y: number[]) => x.reduce((sum, value, index) => sum + value * (y[index] ?? 0), 0);
  assert.deepEqual(a, b);
  assert.ok(Math.abs(dot(a!, a!) - 1) < 1e-9);
  assert.ok(dot(a!, embedder.vector('my red bike')) > dot(a!, c!));
  assert.deepEqual(embedder.calls, [['red bike ride', 'red bike ride'], ['tax forms']]);
  await assert.rejects(embedder.embed(['1', '2', '3']), /maxBatchSize/);
});

test('a consumer that stops reading a stream gets a settled, cancelled result', async () => {
  const stream = createChatClient(new ScriptedChatModel(['a b c d'])).stream({ purpose: 'p', messages: [{ role: 'user', content: 'x' }] });
  for await (const delta of stream.textStream) {
    assert.equal(delta, 'a ');
    break;
  }
  await assert.rejects(stream.result, (error) => error instanceof ModelCallError && error.details.cancelled === true);
});

test('images outside user messages are refused, not dropped', async () => {
  const model = new ScriptedChatModel([]);
  await assert.rejects(
    createChatClient(model).generate({ purpose: 'p', messages: [{ role: 'assistant', content: 'x', images: [{ bytes: PNG, mime: 'image/png' }] }] }),
    InvalidInputError,
  );
  assert.equal(model.calls.length, 0);
});
