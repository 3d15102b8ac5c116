// Tenant isolation: a key of tenant B names users inside B only, so the same user name under B reaches none of
// A's data through any route. Every read is checked twice: A sees the data (the route works), B does not.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACME, fixture, GLOBEX, parseSse, send, tinyPng } from './test-support.ts';
import { internalsOf } from '../persona.ts';

const { model, persona, app } = fixture();
before(() => persona.open());
after(() => persona.close());

test('a key of one tenant cannot read, change or delete another tenant\'s user through any route', async () => {
  const png = Buffer.from(await tinyPng()).toString('base64');
  const posted = await send(app, 'POST', '/v1/users/dee/turns', { key: ACME, json: { text: 'My passport number is in the blue folder in Zanzibar.', at: '2026-03-01T08:00:00Z', images: [{ data: png }] } });
  assert.equal(posted.status, 201);
  const turnId = posted.body.turn.id as string;
  const sha = posted.body.turn.images[0] as string;
  await internalsOf(persona).store.persons.upsertMany('acme:dee', [{ id: 'person-1', centroid: [1, 0], count: 1 }]);
  await internalsOf(persona).store.persons.rename('acme:dee', 'person-1', 'Zanzibar Joe');
  const memory = await internalsOf(persona).store.memories.add('acme:dee', { type: 'semantic', content: 'User keeps the passport in a blue folder in Zanzibar.', keywords: ['passport', 'Zanzibar'], sourceTurnIds: [turnId] });
  await internalsOf(persona).store.personality.append('acme:dee', { interactions: 1, turnId, at: new Date('2026-03-01T08:00:00Z'), traits: { openness: 3.5, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 }, inferred: null });

  const reads: Array<{ path: string; has: (body: any) => boolean }> = [ // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON shapes
    { path: '/v1/users/dee/turns', has: (b) => b.turns.length === 1 },
    { path: '/v1/users/dee/memories?status=all', has: (b) => b.memories.length === 1 },
    { path: `/v1/users/dee/memories/${memory.id}`, has: (b) => b.memory.id === memory.id },
    { path: `/v1/users/dee/memories/${memory.id}/history`, has: (b) => b.history.length === 1 },
    { path: '/v1/users/dee/recall?q=passport%20Zanzibar&at=2026-03-02T00:00:00Z', has: (b) => b.items.length > 0 },
    { path: '/v1/users/dee/personality', has: (b) => b.trajectory.length === 1 },
    { path: `/v1/users/dee/turns/${turnId}`, has: (b) => b.turn.id === turnId },
    { path: '/v1/users/dee/sessions', has: (b) => b.sessions.length === 1 },
    { path: `/v1/users/dee/images/${sha}`, has: (b) => b.image.sha256 === sha },
    { path: '/v1/users/dee/persons', has: (b) => b.persons.length === 1 },
    { path: '/v1/users', has: (b) => b.users.some((u: { id: string }) => u.id === 'dee') },
  ];
  for (const read of reads) {
    const own = await send(app, 'GET', read.path, { key: ACME });
    assert.ok(own.status === 200 && read.has(own.body), `acme reads ${read.path}`);
    const other = await send(app, 'GET', read.path, { key: GLOBEX });
    assert.ok(other.status === 404 || (other.status === 200 && !read.has(other.body)), `globex must not read ${read.path}: ${other.status} ${other.text}`);
    assert.doesNotMatch(other.text, /Zanzibar|passport/, read.path);
    assert.doesNotMatch(other.text, /globex:|acme:/, `${read.path}: a 404 names the user as the caller does, never by its tenant-scoped id`);
  }
  const bytes = await send(app, 'GET', `/v1/users/dee/images/${sha}/bytes`, { key: ACME });
  assert.equal(bytes.status, 200);
  assert.equal(bytes.headers.get('content-type'), 'image/png');
  assert.equal((await send(app, 'GET', `/v1/users/dee/images/${sha}/bytes`, { key: GLOBEX })).status, 404, 'another tenant gets no image bytes');
  const exported = await send(app, 'GET', '/v1/users/dee/export', { key: ACME });
  assert.equal(exported.status, 200);
  assert.equal((await send(app, 'GET', '/v1/users/dee/export', { key: GLOBEX })).status, 404);

  // Writes under B's key cannot touch A's rows either.
  assert.equal((await send(app, 'PATCH', `/v1/users/dee/memories/${memory.id}`, { key: GLOBEX, json: { content: 'changed' } })).status, 404);
  assert.equal((await send(app, 'DELETE', `/v1/users/dee/memories/${memory.id}`, { key: GLOBEX })).status, 404);
  const deleted = await send(app, 'DELETE', '/v1/users/dee', { key: GLOBEX });
  assert.equal(deleted.status, 404, 'globex has no user dee to delete');
  assert.match(deleted.text, /user \\"dee\\"/);
  assert.doesNotMatch(deleted.text, /globex:/);

  // Naming A's scoped id directly is not a user name B may use.
  for (const path of ['/v1/users/acme:dee/turns', '/v1/users/acme%3Adee/turns']) {
    const tricked = await send(app, 'GET', path, { key: GLOBEX });
    assert.equal(tricked.status, 400, path);
    assert.doesNotMatch(tricked.text, /Zanzibar/);
  }

  // Chat under B's key: neither the recent window nor retrieval shows A's user to the model.
  model.push(
    '<think>Look it up.</think><retrieve>{"keywords": ["passport", "folder"], "start_time": null, "end_time": null}</retrieve>',
    '<think>Nothing.</think><answer>I do not know where your passport is.</answer>',
  );
  const response = await app.request('/v1/users/dee/chat', {
    method: 'POST',
    headers: { authorization: `Bearer ${GLOBEX}`, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ text: 'Where is my passport?', at: '2026-03-01T08:30:00Z' }),
  });
  const events = parseSse(await response.text());
  assert.equal(events.at(-1)!.event, 'done');
  assert.equal(JSON.parse(events.find((e) => e.event === 'retrieval.items')!.data).count, 0, 'retrieval found nothing under globex');
  assert.doesNotMatch(JSON.stringify(events), /Zanzibar/);
  for (const call of model.calls) assert.doesNotMatch(call.promptText, /Zanzibar|blue folder/, 'the model never saw the other tenant\'s data');
  model.assertAllUsed();

  // A's data is intact.
  assert.equal((await internalsOf(persona).store.memories.get('acme:dee', memory.id))?.content, memory.content);
  assert.equal((await internalsOf(persona).store.turns.list('acme:dee')).length, 1);
});
