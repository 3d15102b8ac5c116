// The inspector's files and the JSON routes it reads (images, persons, sessions, one turn, paging by seq, the
// user list), over app.request() with no port. The browser test drives the same routes through chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { internalsOf } from '../../persona.ts';
import { createServer } from '../create-server.ts';
import { ACME, fixture, GLOBEX, send, tinyPng } from '../test-support.ts';
import { seedManyTurns } from './test-support/seed.ts';

const { persona, app } = fixture();
before(() => persona.open());
after(() => persona.close());

test('every inspector path gets the page, its modules and the libraries it imports, with a strict CSP', async () => {
  for (const path of ['/inspector', '/inspector/', '/inspector/users/ana', '/inspector/users/ana/memories/3f2a', '/inspector/users/ana/timeline']) {
    const page = await send(app, 'GET', path);
    assert.equal(page.status, 200, path);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(page.text, /<title>personavlm inspector<\/title>/);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'; script-src 'self'/);
    assert.doesNotMatch(page.text, /https?:\/\//, `${path}: no external URL (works offline, no CDN)`);
  }
  const page = (await send(app, 'GET', '/inspector')).text;
  const referenced = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
  assert.deepEqual(referenced.sort(), ['/favicon.ico', '/inspector/assets/app.js', '/inspector/assets/style.css', '/inspector/vendor/uplot.css']);
  for (const path of [...referenced, '/inspector/vendor/htm-preact.js', '/inspector/vendor/uplot.js', '/inspector/assets/views/timeline.js']) {
    const file = await send(app, 'GET', path);
    assert.equal(file.status, 200, path);
    assert.ok(file.text.length > 100, path);
  }
  assert.match((await send(app, 'GET', '/inspector/vendor/htm-preact.js')).text, /export\{/, 'the ES module build, importable by the page');
  assert.equal((await send(app, 'GET', '/favicon.ico')).headers.get('content-type'), 'image/svg+xml');
  for (const path of ['/inspector/assets/../inspector-routes.ts', '/inspector/assets/%2e%2e/inspector-routes.ts', '/inspector/assets/nothing.js', '/inspector/vendor/preact.js', '/inspector/elsewhere']) {
    assert.equal((await send(app, 'GET', path)).status, 404, path);
  }
});

test('every module the app imports is served: the import graph from app.js resolves', async () => {
  const pending = ['/inspector/assets/app.js'];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const file = await send(app, 'GET', path);
    assert.equal(file.status, 200, path);
    assert.match(file.headers.get('content-type') ?? '', /text\/javascript/, path);
    for (const [, specifier] of file.text.matchAll(/^import [^;]*?from '([^']+)';/gm)) pending.push(new URL(specifier!, `http://x${path}`).pathname);
  }
  assert.ok(seen.size >= 12, `${seen.size} modules`);
});

test('/healthz says whether the API wants a key, so the page asks for one only then', async () => {
  assert.equal((await send(app, 'GET', '/healthz')).body.auth, 'bearer');
});

test('images: a user\'s own image as JSON and as bytes; a bad name is a 400 that says what a name is', async () => {
  const posted = await send(app, 'POST', '/v1/users/ivy/turns', { key: ACME, json: { text: 'A red square.', images: [{ data: Buffer.from(await tinyPng()).toString('base64') }] } });
  const sha = posted.body.turn.images[0] as string;
  await internalsOf(persona).store.images.setAnalysis('acme:ivy', sha, { ocrText: 'EXIT', objects: [], faces: [{ box: { x: 1, y: 1, width: 4, height: 4 }, score: 0.9, personId: 'person-1', descriptor: [0.6, 0.8] }], colors: ['red'], caption: null, analyzers: { ocr: 'ok', objects: 'ok', faces: 'ok' } });
  const meta = await send(app, 'GET', `/v1/users/ivy/images/${sha}`, { key: ACME });
  assert.equal(meta.status, 200);
  assert.deepEqual({ width: meta.body.image.width, height: meta.body.image.height, mime: meta.body.image.mime, ocr: meta.body.image.analysis.ocrText }, { width: 16, height: 12, mime: 'image/png', ocr: 'EXIT' });
  assert.equal(meta.body.image.analysis.faces[0].descriptor, undefined, 'face descriptors stay on the server');
  assert.equal(meta.body.image.userId, undefined);
  const response = await app.request(`/v1/users/ivy/images/${sha}/bytes`, { headers: { authorization: `Bearer ${ACME}` } });
  assert.deepEqual(new Uint8Array(await response.arrayBuffer()), await persona.images.bytes('acme:ivy', sha));
  assert.match(response.headers.get('cache-control') ?? '', /private/);
  const bad = await send(app, 'GET', '/v1/users/ivy/images/not-a-sha/bytes', { key: ACME });
  assert.equal(bad.status, 400);
  assert.match(bad.body.error.message, /sha256 \(64 lowercase hex digits\)/);
  assert.equal((await send(app, 'GET', `/v1/users/ivy/images/${'0'.repeat(64)}`, { key: ACME })).status, 404);
  assert.equal((await send(app, 'GET', `/v1/users/ivy/images/${sha}`, { key: GLOBEX })).status, 404);

  await internalsOf(persona).store.persons.upsertMany('acme:ivy', [{ id: 'person-1', centroid: [0.6, 0.8], count: 1 }]);
  const persons = await send(app, 'GET', '/v1/users/ivy/persons', { key: ACME });
  assert.deepEqual(persons.body.persons.map((person: { id: string; faces: unknown[]; centroid?: unknown }) => ({ id: person.id, faces: person.faces, centroid: person.centroid })), [
    { id: 'person-1', faces: [{ imageSha256: sha, imageWidth: 16, imageHeight: 12, box: { x: 1, y: 1, width: 4, height: 4 }, score: 0.9 }], centroid: undefined },
  ]);
  const named = await send(app, 'PUT', '/v1/users/ivy/persons/person-1', { key: ACME, json: { name: '  Ines ' } });
  assert.equal(named.status, 200);
  assert.deepEqual({ id: named.body.person.id, name: named.body.person.name, centroid: named.body.person.centroid }, { id: 'person-1', name: 'Ines', centroid: undefined });
  assert.equal((await internalsOf(persona).store.persons.list('acme:ivy'))[0]!.name, 'Ines');
  const blank = await send(app, 'PUT', '/v1/users/ivy/persons/person-1', { key: ACME, json: { name: ' ' } });
  assert.equal(blank.status, 400);
  assert.match(blank.body.error.message, /send null to unname/);
  assert.equal((await send(app, 'PUT', '/v1/users/ivy/persons/person-1', { key: GLOBEX, json: { name: 'Mallory' } })).status, 404, 'another tenant cannot name them');
  assert.equal((await send(app, 'PUT', '/v1/users/ivy/persons/person-1', { key: ACME, json: { name: null } })).body.person.name, null);
});

test('turns page by seq in both directions, one turn reads by id, sessions list by range', async () => {
  await seedManyTurns(persona, 'acme:long', 250, { perSession: 100 });
  const page = async (query: string) => ((await send(app, 'GET', `/v1/users/long/turns?${query}`, { key: ACME })).body.turns as Array<{ seq: number; id: string }>).map((turn) => turn.seq);
  assert.deepEqual(await page('order=desc&limit=3'), [250, 249, 248]);
  assert.deepEqual(await page('order=desc&limit=3&before=248'), [247, 246, 245]);
  assert.deepEqual(await page('order=asc&limit=3&after=247'), [248, 249, 250]);
  assert.deepEqual(await page('order=asc&limit=2'), [1, 2]);
  const bad = await send(app, 'GET', '/v1/users/long/turns?before=zero', { key: ACME });
  assert.equal(bad.status, 400);
  assert.match(bad.body.error.message, /before/);

  const [first] = (await send(app, 'GET', '/v1/users/long/turns?limit=1', { key: ACME })).body.turns;
  const one = await send(app, 'GET', `/v1/users/long/turns/${first.id}`, { key: ACME });
  assert.equal(one.body.turn.text, 'Message number 1 of the long history.');
  assert.equal(one.body.turn.userId, 'long');
  assert.equal((await send(app, 'GET', `/v1/users/long/turns/${first.id}`, { key: GLOBEX })).status, 404);

  const all = (await send(app, 'GET', '/v1/users/long/sessions', { key: ACME })).body.sessions;
  assert.deepEqual(all.map((session: { turnCount: number }) => session.turnCount), [100, 100, 50]);
  const second = all[1];
  const ranged = (await send(app, 'GET', `/v1/users/long/sessions?from=${second.startedAt}&to=${second.lastTurnAt}`, { key: ACME })).body.sessions;
  assert.deepEqual(ranged.map((session: { id: string }) => session.id), [second.id]);
  assert.equal(ranged[0].userId, undefined);
});

test('jobs list newest first and capped, for the queue view of a user whose done jobs pile up', async () => {
  await send(app, 'POST', '/v1/users/jo/turns', { key: ACME, json: { text: 'a turn, so the user exists' } });
  for (const n of [1, 2, 3]) await internalsOf(persona).store.jobs.enqueue('acme:jo', { kind: 'remember.turn', payload: { n }, dedupeKey: `job:${n}` });
  const page = await send(app, 'GET', '/v1/users/jo/jobs?status=pending&order=desc&limit=2', { key: ACME });
  assert.deepEqual(page.body.jobs.map((job: { payload: { n: number } }) => job.payload.n), [3, 2]);
  assert.equal((await send(app, 'GET', '/v1/users/jo/jobs?limit=0', { key: ACME })).status, 400);
});

test('GET /v1/users lists the caller\'s tenant\'s users by the names the caller uses', async () => {
  await persona.recordTurn({ userId: 'globex:gus', role: 'user', text: 'hello', at: new Date('2026-03-01T00:00:00Z') });
  const acme = (await send(app, 'GET', '/v1/users', { key: ACME })).body.users.map((user: { id: string }) => user.id);
  const globex = (await send(app, 'GET', '/v1/users', { key: GLOBEX })).body.users.map((user: { id: string }) => user.id);
  assert.ok(acme.includes('ivy') && acme.includes('long') && !acme.includes('gus'), acme.join());
  assert.deepEqual(globex, ['gus']);
  assert.equal((await send(app, 'GET', '/v1/users')).status, 401);
});

test('without auth, /v1/users lists the users a URL can name, and /healthz says no key is needed', async () => {
  const open = createServer({ persona, auth: { disabled: true } });
  await persona.recordTurn({ userId: 'solo', role: 'user', text: 'hello', at: new Date('2026-03-01T00:00:00Z') });
  const users = (await send(open, 'GET', '/v1/users')).body.users.map((user: { id: string }) => user.id);
  assert.deepEqual(users, ['solo'], 'tenant-scoped ids ("acme:ivy") cannot be named in a URL, so they are not listed');
  assert.equal((await send(open, 'GET', '/healthz')).body.auth, 'none');
});
