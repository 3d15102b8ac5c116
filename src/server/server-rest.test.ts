// The REST API over a real PGlite store and the real update phase (scripted model): auth, a round trip through
// every route, the error mapping, export and delete-user.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPersona, internalsOf } from '../persona.ts';
import { createServer } from './create-server.ts';
import { ACME, fixture, GLOBEX, send, tinyPng, turnJobReply } from './test-support.ts';

const { model, persona, app, logs } = fixture();
before(() => persona.open());
after(() => persona.close());

/** Entries of a ustar archive: name → bytes. */
function untar(bytes: Uint8Array): Map<string, Buffer> {
  const buffer = Buffer.from(bytes);
  const files = new Map<string, Buffer>();
  for (let offset = 0; offset + 512 <= buffer.length; ) {
    const header = buffer.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('ascii').replace(/\0.*$/s, ''), 8);
    let sum = 0;
    for (const [index, byte] of header.entries()) sum += index >= 148 && index < 156 ? 32 : byte;
    assert.equal(parseInt(header.subarray(148, 155).toString('ascii'), 8), sum, `checksum of ${name}`);
    files.set(name, buffer.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

test('every /v1 route needs a known bearer key; /healthz and the inspector page do not', async () => {
  const health = await send(app, 'GET', '/healthz');
  assert.equal(health.status, 200);
  assert.equal(health.body.status, 'ok');
  assert.equal(health.body.engine, 'pglite');

  const missing = await send(app, 'GET', '/v1/users/ana/memories');
  assert.equal(missing.status, 401);
  assert.equal(missing.body.error.code, 'unauthorized');
  assert.match(missing.body.error.message, /Authorization: Bearer/);
  const wrong = await send(app, 'GET', '/v1/users/ana/memories', { key: 'not-a-key-secret-xyz' });
  assert.equal(wrong.status, 401);
  assert.doesNotMatch(wrong.text + logs.join('\n'), /not-a-key-secret-xyz/, 'a key is never echoed or logged');
  const basic = await send(app, 'GET', '/v1/users/ana/memories', { headers: { authorization: `Basic ${ACME}` } });
  assert.equal(basic.status, 401);
  const proxy = await send(app, 'POST', '/v1/chat/completions', { json: { messages: [{ role: 'user', content: 'hi' }], user: 'ana' } });
  assert.equal(proxy.status, 401);
  assert.equal(model.calls.length, 0);

  const page = await send(app, 'GET', '/inspector');
  assert.equal(page.status, 200, 'the inspector page loads without a key; its data needs one');
});

test('round trip: a recorded turn becomes memory (with provenance) that can be read, recalled, corrected, exported and forgotten', async () => {
  const posted = await send(app, 'POST', '/v1/users/ana/turns', { key: ACME, json: { text: 'I moved to Lisbon last month for a new job.', at: '2026-03-01T09:00:00Z' } });
  assert.equal(posted.status, 201);
  assert.equal(posted.body.turn.userId, 'ana', 'responses name the user as the caller does, not by the tenant-scoped id');
  assert.equal(posted.body.turn.role, 'user');
  const turnId = posted.body.turn.id as string;

  model.push(turnJobReply('User moved to Lisbon in February 2026 for a new job.', ['Lisbon', 'job']));
  await persona.drain('acme:ana');
  model.assertAllUsed();
  assert.match(model.calls.at(-1)!.promptText, /I moved to Lisbon last month/, 'the update phase read the posted turn');

  const timeline = await send(app, 'GET', '/v1/users/ana/turns', { key: ACME });
  assert.deepEqual(timeline.body.turns.map((t: { id: string }) => t.id), [turnId]);

  const listed = await send(app, 'GET', '/v1/users/ana/memories?type=semantic', { key: ACME });
  assert.equal(listed.status, 200);
  assert.equal(listed.body.memories.length, 1);
  const memory = listed.body.memories[0];
  assert.equal(memory.content, 'User moved to Lisbon in February 2026 for a new job.');
  assert.deepEqual(memory.sourceTurnIds, [turnId]);

  const shown = await send(app, 'GET', `/v1/users/ana/memories/${memory.id}`, { key: ACME });
  assert.equal(shown.body.memory.id, memory.id);
  assert.equal(shown.body.sourceTurns[0].text, 'I moved to Lisbon last month for a new job.', 'provenance: the source turn comes with the memory');

  const recalled = await send(app, 'GET', '/v1/users/ana/recall?q=Where%20does%20she%20live%3F%20Lisbon&budget=500&at=2026-03-02T00:00:00Z', { key: ACME });
  assert.equal(recalled.status, 200);
  assert.ok(recalled.body.items.some((item: { id: string }) => item.id === memory.id), 'the memory is recalled');
  assert.ok(recalled.body.totalTokens <= 500);
  const onlyEpisodic = await send(app, 'GET', '/v1/users/ana/recall?q=Lisbon&types=episodic', { key: ACME });
  assert.deepEqual(onlyEpisodic.body.items, [], 'types filters the sources');

  const personality = await send(app, 'GET', '/v1/users/ana/personality', { key: ACME });
  assert.equal(personality.body.trajectory.length, 1);
  assert.equal(personality.body.count, 1, 'count: every point, however many the trajectory returns');
  assert.equal((await send(app, 'GET', '/v1/users/ana/personality?points=1', { key: ACME })).status, 400);
  assert.equal((await send(app, 'GET', '/v1/users/ana/personality?points=many', { key: ACME })).status, 400);
  assert.equal((await send(app, 'GET', '/v1/users/ana/personality?points=2', { key: ACME })).body.trajectory.length, 1);
  assert.equal(personality.body.latest.traits.openness, 3.5, 'PEM: 0.5·3 + 0.5·4');
  assert.equal(personality.body.latest.turnId, turnId);

  const edited = await send(app, 'PATCH', `/v1/users/ana/memories/${memory.id}`, { key: ACME, json: { content: 'User moved to Lisbon in February 2026.' } });
  assert.equal(edited.status, 200);
  assert.equal(edited.body.memory.content, 'User moved to Lisbon in February 2026.');
  const history = await send(app, 'GET', `/v1/users/ana/memories/${memory.id}/history`, { key: ACME });
  assert.deepEqual(history.body.history.map((m: { content: string }) => m.content), ['User moved to Lisbon in February 2026 for a new job.', 'User moved to Lisbon in February 2026.']);
  const all = await send(app, 'GET', '/v1/users/ana/memories?status=all', { key: ACME });
  assert.equal(all.body.memories.length, 2, 'the old version is kept as superseded history');
  const searched = await send(app, 'GET', '/v1/users/ana/memories?status=all&text=new%20JOB', { key: ACME });
  assert.deepEqual(searched.body.memories.map((m: { content: string }) => m.content), ['User moved to Lisbon in February 2026 for a new job.'], 'the search runs over every status asked for');
  assert.equal(searched.body.total, 1);
  const page = await send(app, 'GET', '/v1/users/ana/memories?status=all&limit=1&offset=1', { key: ACME });
  assert.deepEqual([page.body.memories.length, page.body.total, page.body.offset], [1, 2, 1], 'a page, and how many there are in all');
  assert.equal((await send(app, 'GET', '/v1/users/ana/memories?offset=-1', { key: ACME })).status, 400);

  const exported = await app.request('/v1/users/ana/export', { headers: { authorization: `Bearer ${ACME}` } });
  assert.equal(exported.status, 200);
  assert.equal(exported.headers.get('content-type'), 'application/x-tar');
  const files = untar(new Uint8Array(await exported.arrayBuffer()));
  assert.equal([...files.keys()][0], 'manifest.json');
  assert.equal(JSON.parse(files.get('manifest.json')!.toString()).userId, 'acme:ana');
  const rows = files.get('memories.jsonl')!.toString().trim().split('\n');
  assert.equal(rows.length, 2);
  assert.ok(files.get('turns.jsonl')!.toString().includes('Lisbon'));

  const forgotten = await send(app, 'DELETE', `/v1/users/ana/memories/${memory.id}`, { key: ACME });
  assert.deepEqual(forgotten.body, { forgotten: memory.id });
  assert.equal((await send(app, 'GET', `/v1/users/ana/memories/${memory.id}`, { key: ACME })).status, 404);
});

test('typed errors map to statuses with messages that say what to do, and internals stay in the log', async () => {
  const wrongType = await send(app, 'POST', '/v1/users/ana/turns', { key: ACME, json: { text: 5 } });
  assert.equal(wrongType.status, 400);
  assert.equal(wrongType.body.error.code, 'invalid_input');
  assert.match(wrongType.body.error.message, /text: .*string/i);
  const unknownField = await send(app, 'POST', '/v1/users/ana/turns', { key: ACME, json: { text: 'hi', mood: 'good' } });
  assert.equal(unknownField.status, 400);
  assert.match(unknownField.body.error.message, /mood/);
  const notJson = await send(app, 'POST', '/v1/users/ana/turns', { key: ACME, body: '{"text":', headers: { 'content-type': 'application/json' } });
  assert.equal(notJson.status, 400);
  assert.match(notJson.body.error.message, /must be JSON/);
  const badDate = await send(app, 'POST', '/v1/users/ana/turns', { key: ACME, json: { text: 'hi', at: 'yesterday' } });
  assert.match(badDate.body.error.message, /at: must be an ISO 8601/);
  const badImage = await send(app, 'POST', '/v1/users/ana/turns', { key: ACME, json: { text: 'hi', images: [{ data: 'https://example.com/a.png' }] } });
  assert.equal(badImage.status, 400);
  assert.match(badImage.body.error.message, /not fetched/);
  const badType = await send(app, 'GET', '/v1/users/ana/memories?type=bogus', { key: ACME });
  assert.equal(badType.status, 400);
  assert.match(badType.body.error.message, /type/);
  const noQuery = await send(app, 'GET', '/v1/users/ana/recall', { key: ACME });
  assert.equal(noQuery.status, 400);
  assert.match(noQuery.body.error.message, /^Invalid query: q:/);
  const badUser = await send(app, 'GET', '/v1/users/-x/memories', { key: ACME });
  assert.equal(badUser.status, 400);

  const unknownMemory = await send(app, 'GET', '/v1/users/ana/memories/00000000-0000-4000-8000-000000000000', { key: ACME });
  assert.equal(unknownMemory.status, 404);
  assert.equal(unknownMemory.body.error.code, 'not_found');
  const unknownPatch = await send(app, 'PATCH', '/v1/users/ana/memories/00000000-0000-4000-8000-000000000000', { key: ACME, json: { content: 'x' } });
  assert.equal(unknownPatch.status, 404);
  const unknownRoute = await send(app, 'GET', '/v1/nothing', { key: ACME });
  assert.equal(unknownRoute.status, 404);
  assert.equal((await send(app, 'GET', '/v1/users/nobody/export', { key: ACME })).status, 404);

  const small = createServer({ persona, auth: { keys: { [ACME]: 'acme' } }, maxBodyBytes: 64 });
  const tooLarge = await send(small, 'POST', '/v1/users/ana/turns', { key: ACME, json: { text: 'x'.repeat(200) } });
  assert.equal(tooLarge.status, 413);
  assert.equal(tooLarge.body.error.code, 'payload_too_large');

  // A failure that is not the caller's: the model endpoint failed (502 Bad Gateway), its code only; the details go to the server log.
  model.push({ error: new Error('connection to 10.0.0.7 refused, password hunter2') });
  const failed = await send(app, 'POST', '/v1/users/ana/chat', { key: ACME, json: { text: 'hello' } });
  assert.equal(failed.status, 502, failed.text);
  assert.doesNotMatch(failed.text, /hunter2|10\.0\.0\.7/);
  assert.match(logs.join('\n'), /hunter2/, 'the operator sees what happened');
  model.assertAllUsed();
});

test('without a chat model, chat and the proxy answer 503 with how to configure one, and store nothing', async () => {
  const bare = createPersona({ store: internalsOf(persona).store, model: null, vision: false, embedder: null });
  const noModel = createServer({ persona: bare, auth: { keys: { [GLOBEX]: 'globex' } }, log: (line) => logs.push(line) });
  const chat = await send(noModel, 'POST', '/v1/users/zoe/chat', { key: GLOBEX, json: { text: 'hello' } });
  assert.equal(chat.status, 503);
  assert.equal(chat.body.error.code, 'model_not_configured');
  assert.match(chat.body.error.message, /PERSONAVLM_MODEL/);
  assert.equal(logs.filter((line) => /zoe/.test(line)).length, 0, 'a missing model is a state, not a failure to log');
  const proxy = await send(noModel, 'POST', '/v1/chat/completions', { key: GLOBEX, json: { messages: [{ role: 'user', content: 'hello' }], user: 'zoe' } });
  assert.equal(proxy.status, 503);
  assert.equal((await internalsOf(persona).store.turns.list('globex:zoe')).length, 0);
});

test('a multipart turn with an image is stored; delete-user then leaves nothing of the user', async () => {
  const form = new FormData();
  form.set('text', 'Look at my new red bike.');
  form.set('at', '2026-03-01T10:00:00Z');
  form.append('images', new Blob([Buffer.from(await tinyPng())], { type: 'image/png' }), 'bike.png');
  const posted = await send(app, 'POST', '/v1/users/eve/turns', { key: ACME, body: form });
  assert.equal(posted.status, 201, posted.text);
  assert.equal(posted.body.turn.images.length, 1);
  const base64 = await send(app, 'POST', '/v1/users/eve/turns', { key: ACME, json: { text: 'And a blue one.', images: [{ data: `data:image/png;base64,${Buffer.from(await tinyPng('#2222cc')).toString('base64')}` }] } });
  assert.equal(base64.status, 201, base64.text);
  assert.equal(base64.body.turn.images.length, 1);
  assert.equal((await internalsOf(persona).store.images.list('acme:eve')).length, 2);

  const deleted = await send(app, 'DELETE', '/v1/users/eve', { key: ACME });
  assert.equal(deleted.status, 200);
  assert.equal(deleted.body.userId, 'eve');
  assert.equal(deleted.body.rowsDeleted.turns, 2);
  assert.equal(deleted.body.blobsDeleted, 2);
  assert.deepEqual(deleted.body.leftovers, []);
  assert.equal(await internalsOf(persona).store.users.get('acme:eve'), null);
  assert.deepEqual(await internalsOf(persona).store.turns.list('acme:eve'), []);
  assert.deepEqual(await internalsOf(persona).store.images.list('acme:eve'), []);
  assert.deepEqual(await internalsOf(persona).store.jobs.list('acme:eve'), []);
  assert.deepEqual((await send(app, 'GET', '/v1/users/eve/turns', { key: ACME })).body.turns, []);
});

test('jobs: a failed update job is listed with its error and requeued through the API, for its tenant only', async () => {
  const posted = await send(app, 'POST', '/v1/users/jo/turns', { key: ACME, json: { text: 'I started learning the cello.', at: '2026-03-02T09:00:00Z' } });
  assert.equal(posted.status, 201);
  model.push('not JSON at all, the model rambled');
  await persona.drain('acme:jo');
  const failed = await send(app, 'GET', '/v1/users/jo/jobs?status=failed', { key: ACME });
  assert.equal(failed.status, 200);
  assert.equal(failed.body.jobs.length, 1);
  assert.match(failed.body.jobs[0].lastError, /did not follow the output format/);
  assert.equal(failed.body.jobs[0].userId, undefined, 'no internal tenant-scoped id in the body');
  const other = await send(app, 'GET', '/v1/users/jo/jobs?status=failed', { key: GLOBEX });
  assert.deepEqual(other.body.jobs, [], "another tenant's jo has none");
  const bad = await send(app, 'GET', '/v1/users/jo/jobs?status=lost', { key: ACME });
  assert.equal(bad.status, 400);
  const retried = await send(app, 'POST', '/v1/users/jo/jobs/retry', { key: ACME, json: {} });
  assert.deepEqual(retried.body.requeued, 1);
  model.push(turnJobReply('User is learning the cello.', ['cello']));
  await persona.drain('acme:jo');
  const done = await send(app, 'GET', '/v1/users/jo/jobs?status=done', { key: ACME });
  assert.equal(done.body.jobs.length, 1, 'the requeued job ran');
});

test('a turn retried with its id after a lost response is stored once, with one update job; ids are per tenant', async () => {
  const body = { id: 'client-msg-42', text: 'I moved to Porto last week.', at: '2026-03-05T09:00:00Z' };
  const first = await send(app, 'POST', '/v1/users/rita/turns', { key: ACME, json: body });
  const retry = await send(app, 'POST', '/v1/users/rita/turns', { key: ACME, json: body });
  assert.equal(first.status, 201);
  assert.equal(retry.status, 201, 'the retry gets the same answer as the request it repeats');
  assert.equal(retry.body.turn.id, first.body.turn.id);
  assert.equal(first.body.turn.externalId, 'client-msg-42');
  const listed = await send(app, 'GET', '/v1/users/rita/turns', { key: ACME });
  assert.equal(listed.body.turns.length, 1);
  const jobs = await send(app, 'GET', '/v1/users/rita/jobs', { key: ACME });
  assert.equal(jobs.body.jobs.filter((job: { kind: string }) => job.kind === 'remember.turn').length, 1);
  const theirs = await send(app, 'POST', '/v1/users/rita/turns', { key: GLOBEX, json: body });
  assert.notEqual(theirs.body.turn.id, first.body.turn.id, "another tenant's rita is another user");
  const bad = await send(app, 'POST', '/v1/users/rita/turns', { key: ACME, json: { ...body, id: '' } });
  assert.equal(bad.status, 400);
  model.push(turnJobReply('User moved to Porto.', ['Porto']));
  await persona.drain('acme:rita');
});
