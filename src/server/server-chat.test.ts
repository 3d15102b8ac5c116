// Chat over HTTP on a real PGlite store with the real agent (scripted model): JSON and SSE events. The
// OpenAI-compatible proxy has its own tests (server-proxy.test.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACME, fixture, parseSse, send } from './test-support.ts';
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
