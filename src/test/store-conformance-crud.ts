import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PersonaError } from '../errors/index.ts';
import type { ConformanceContext } from './store-conformance.ts';
import { day, rowCounts, semantic, sessionWithTurns } from './store-conformance-fixtures.ts';

const NEUTRAL = { openness: 3, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 };

function rejectsWith(code: string): (error: unknown) => boolean {
  return (error) => PersonaError.isInstance(error) && error.code === code;
}

export function crudCases(ctx: ConformanceContext): void {
  test('users: ensure merges metadata, get, list', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const first = await store.users.ensure(id, { name: 'Ann' });
    const second = await store.users.ensure(id, { city: 'Oslo' });
    assert.deepEqual(second.metadata, { name: 'Ann', city: 'Oslo' });
    assert.equal(first.createdAt.getTime(), second.createdAt.getTime());
    assert.deepEqual((await store.users.get(id))?.metadata, { name: 'Ann', city: 'Oslo' });
    assert.ok((await store.users.list()).some((user) => user.id === id));
    assert.equal(await store.users.get(ctx.newUserId()), null);
  });

  test('sessions and turns: append bumps the session, seq is per user, filters work', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const { session, turns } = await sessionWithTurns(store, id, ['hello there', 'hi!', 'I went hiking']);
    assert.deepEqual(turns.map((t) => t.seq), [1, 2, 3]);
    const reloaded = await store.sessions.get(id, session.id);
    assert.equal(reloaded?.turnCount, 3);
    assert.equal(reloaded?.lastTurnAt.getTime(), turns[2]!.at.getTime());
    assert.equal((await store.sessions.current(id))?.id, session.id);
    await store.sessions.close(id, session.id, day('2024-03-02'));
    assert.equal(await store.sessions.current(id), null);
    assert.equal((await store.turns.list(id, { afterSeq: 1 })).length, 2);
    assert.deepEqual((await store.turns.list(id, { beforeSeq: 3, order: 'desc', limit: 1 })).map((t) => t.seq), [2], 'the turn just before seq 3');
    assert.deepEqual((await store.turns.list(id, { order: 'desc', limit: 1 })).map((t) => t.seq), [3]);
    assert.equal((await store.users.get(id))?.turnSeq, 3, 'the user row names the newest seq: caches holding it need no turn query');
    assert.deepEqual((await store.turns.list(id, { role: 'assistant' })).map((t) => t.text), ['hi!']);
    assert.deepEqual((await store.turns.getMany(id, [turns[2]!.id, 'missing', turns[0]!.id])).map((t) => t.seq), [3, 1]);
    const enrichment = { keywords: ['hiking'], lemmas: ['hike'], entities: [], dates: [{ phrase: 'today', from: day('2024-03-01'), to: day('2024-03-02') }], imageText: 'mountain trail sign' };
    await store.turns.setEnrichment(id, turns[2]!.id, enrichment);
    assert.deepEqual((await store.turns.get(id, turns[2]!.id))?.enrichment, enrichment);
    // A rewritten enrichment advances the user's turn stamp and marks the turn, so caches read it again.
    assert.equal((await store.users.get(id))?.turnStamp, 1);
    assert.deepEqual((await store.turns.list(id, { changedAfter: 0 })).map((t) => t.seq), [3]);
    assert.deepEqual(await store.turns.list(id, { changedAfter: 1 }), []);
    await assert.rejects(store.turns.setEnrichment(id, 'no-such-turn', enrichment), rejectsWith('not_found'));
    assert.equal((await store.users.get(id))?.turnStamp, 1, 'a missing turn advances nothing');
  });

  test('appendMany returns each turn as the database holds it: a read gives the same turns', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const session = await store.sessions.create(id, day('2024-03-01'));
    const enrichment = { keywords: ['hiking'], lemmas: ['hike'], entities: [{ text: 'today', type: 'DATE' }], dates: [{ phrase: 'today', from: day('2024-03-01'), to: day('2024-03-02') }], imageText: '' };
    const written = await store.turns.appendMany(id, [
      { sessionId: session.id, role: 'user', speaker: 'Ann', text: 'a lone surrogate \ud83d here', at: new Date('2024-03-01T10:00:00.123Z'), externalId: 'msg-1', metadata: { zeta: 1, a: { nested: [1, 'two', null] }, same: 1, 'same ': 2 }, enrichment },
      { sessionId: session.id, role: 'assistant', text: 'plain 🏔 reply', at: new Date('2024-03-01T10:00:01Z') },
    ]);
    assert.equal(written[0]!.text, 'a lone surrogate \ufffd here', 'a lone surrogate is stored as U+FFFD and returned so');
    assert.deepEqual(written.map((turn) => turn.seq), [1, 2]);
    assert.deepEqual(await store.turns.getMany(id, written.map((turn) => turn.id)), written);
  });

  test('a batch large enough for the bulk path stores every awkward value as one statement would, all or none', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const session = await store.sessions.create(id, day('2024-03-01'));
    const image = await store.images.put(id, new Uint8Array([137, 80, 78, 71, 1, 2, 3, 4]), { mime: 'image/png', width: 4, height: 3 });
    const enrichment = { keywords: ['a "quoted", word'], lemmas: ['back\\slash'], entities: [], dates: [], imageText: 'line one\nline two, "three"' };
    const texts = ['', 'comma, and "quotes" and \\N and \\', 'new\nline\r\nand\ttab', 'a lone surrogate \ud83d here', '🏔 , "', '"', ',', '\\.', ...Array.from({ length: 16 }, (_, n) => `turn ${n}`)];
    const written = await store.turns.appendMany(id, texts.map((text, n) => ({
      sessionId: session.id, role: n % 2 === 0 ? 'user' : 'assistant', text, at: new Date(Date.UTC(2024, 2, 1, 10, 0, n, 7)),
      ...(n === 0 ? { speaker: '' } : n === 1 ? { speaker: 'Ann "the" Brave, Jr.' } : {}),
      ...(n === 2 ? { images: [image.sha256], externalId: 'ext,"1"' } : {}),
      ...(n === 3 ? { metadata: { quote: '"', nested: { list: [1, 'two', null] } }, enrichment } : {}),
    })));
    assert.deepEqual(written.map((turn) => turn.seq), texts.map((_, n) => n + 1));
    assert.equal(written[3]!.text, 'a lone surrogate \ufffd here');
    assert.equal(written[0]!.speaker, '', 'an empty speaker is not null');
    assert.equal(written[4]!.speaker, null);
    assert.deepEqual(await store.turns.getMany(id, written.map((turn) => turn.id)), written, 'a read gives the same turns');
    assert.equal((await store.sessions.get(id, session.id))?.turnCount, texts.length);
    // Batches refused (an image the user does not have, a session that does not exist) take no seq and count nothing.
    const more = Array.from({ length: 20 }, (_, n) => ({ sessionId: session.id, role: 'user' as const, text: `more ${n}`, at: new Date(Date.UTC(2024, 2, 1, 11, 0, n)) }));
    await assert.rejects(store.turns.appendMany(id, [...more, { ...more[0]!, images: ['f'.repeat(64)] }]), rejectsWith('not_found'));
    await assert.rejects(store.turns.appendMany(id, more.map((turn) => ({ ...turn, sessionId: 'no-such-session' }))), rejectsWith('not_found'));
    const after = await store.turns.appendMany(id, more);
    assert.equal(after[0]!.seq, texts.length + 1, 'no seq was taken by the failed batches');
    assert.equal((await store.sessions.get(id, session.id))?.turnCount, texts.length + more.length);
  });

  test('memories: add, get, getMany, list by type and key', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const { turns } = await sessionWithTurns(store, id, ['My name is Ann']);
    const core = await store.memories.add(id, { type: 'core', key: 'name', content: 'Ann', sourceTurnIds: [turns[0]!.id] });
    const fact = await store.memories.add(id, semantic('Ann likes tea', {
      keywords: ['tea'], detail: { category: 'preference' },
      sourceRegions: [{ imageSha256: 'a'.repeat(64), box: { x: 1, y: 2, width: 3, height: 4 }, label: 'cup' }],
    }));
    assert.equal(core.status, 'active');
    assert.deepEqual(core.sourceTurnIds, [turns[0]!.id]);
    assert.deepEqual((await store.memories.get(id, fact.id))?.sourceRegions[0]?.box, { x: 1, y: 2, width: 3, height: 4 });
    assert.deepEqual((await store.memories.list(id, { types: ['core'] })).map((m) => m.content), ['Ann']);
    assert.deepEqual((await store.memories.list(id, { key: 'name' })).map((m) => m.id), [core.id]);
    assert.deepEqual((await store.memories.getMany(id, [fact.id, core.id])).map((m) => m.id), [fact.id, core.id]);
  });

  test('memories: search by words in any case across text, key and keywords, paged, with the count', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const other = ctx.newUserId();
    const at = (day: number) => new Date(Date.UTC(2024, 2, day));
    await store.memories.add(id, semantic('Ana lives in São Paulo.', { key: 'home_city', keywords: ['Brazil'], validFrom: at(1) }));
    const cat = await store.memories.add(id, semantic('Ana has a ginger cat called Miso.', { keywords: ['pet'], validFrom: at(2) }));
    await store.memories.add(id, semantic('100% sure: the cat_flap sticks.', { validFrom: at(3) }));
    await store.memories.add(id, { type: 'procedural', key: 'morning_run', content: 'Runs 5 km at dawn.', validFrom: at(4) });
    await store.memories.supersede(id, cat.id, semantic('Ana has a ginger cat called Mochi.', { keywords: ['pet'], validFrom: at(5) }), null);
    await store.memories.add(other, semantic('The other user has a cat too.'));
    const contents = async (query: Parameters<typeof store.memories.list>[1]) => (await store.memories.list(id, query)).map((m) => m.content);

    assert.deepEqual(await contents({ text: 'SÃO paulo' }), ['Ana lives in São Paulo.'], 'any case, accents kept');
    assert.deepEqual(await contents({ text: 'brazil' }), ['Ana lives in São Paulo.'], 'a keyword matches');
    assert.deepEqual(await contents({ text: 'morning_run' }), ['Runs 5 km at dawn.'], 'the key matches');
    assert.deepEqual(await contents({ text: 'cat ginger' }), ['Ana has a ginger cat called Mochi.'], 'every word, in any order; live only by default');
    assert.deepEqual(await contents({ text: 'cat miso' }), [], 'the superseded version is not live');
    assert.deepEqual(await contents({ text: 'cat miso', status: ['active', 'superseded'] }), ['Ana has a ginger cat called Miso.']);
    assert.deepEqual(await contents({ text: '100%' }), ['100% sure: the cat_flap sticks.'], 'LIKE wildcards are plain characters');
    assert.deepEqual(await contents({ text: '%' }), ['100% sure: the cat_flap sticks.']);
    assert.deepEqual(await contents({ text: 'cat_' }), ['100% sure: the cat_flap sticks.']);
    assert.deepEqual(await contents({ text: 'cat', types: ['procedural'] }), []);
    assert.equal((await contents({ text: '   ' })).length, 4, 'white space alone searches nothing');
    assert.equal(await store.memories.count(id, { text: 'cat' }), 2);
    assert.equal(await store.memories.count(id, { text: 'cat', status: ['active', 'superseded'] }), 3);
    assert.equal(await store.memories.count(id, {}), 4);
    assert.equal(await store.memories.count(other, { text: 'ana' }), 0, "another user's search never sees them");

    // Pages of the ordered list reach every memory once.
    const all = await contents({ status: ['active', 'superseded'] });
    const paged = [...(await contents({ status: ['active', 'superseded'], limit: 2 })), ...(await contents({ status: ['active', 'superseded'], limit: 2, offset: 2 })), ...(await contents({ status: ['active', 'superseded'], limit: 2, offset: 4 }))];
    assert.deepEqual(paged, all);
    assert.equal(all.length, 5);
    await assert.rejects(store.memories.list(id, { offset: -1 }), rejectsWith('invalid_input'));
    await assert.rejects(store.memories.list(id, { text: 'x'.repeat(501) }), rejectsWith('invalid_input'));
  });

  test('memories: index entries stored where the memory is as it was derived, cleared by every change, never a change', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const other = ctx.newUserId();
    const tea = await store.memories.add(id, semantic('Ann drinks green tea', { keywords: ['tea', 'drinks'] }));
    const run = await store.memories.add(id, semantic('Ann runs', { keywords: [] }));
    await store.memories.add(other, semantic('Ann drinks green tea', { keywords: ['tea', 'drinks'] }));
    const entries = async (userId: string, status?: ('active' | 'superseded' | 'retired')[]) =>
      (await store.memories.listWithIndexEntries(userId, status ? { status } : {})).map((row) => [row.memory.content, row.indexEntry]);
    assert.deepEqual(await entries(id), [['Ann drinks green tea', null], ['Ann runs', null]], 'none until derived');
    const before = await store.users.get(id);
    const teaEntry = { key: 'v1 UTC', terms: ['ann', 'drink', 'green', 'tea', 'tea', 'drink'], tokens: 17 };
    const written = await store.memories.setIndexEntries(id, [
      { id: tea.id, updatedAt: tea.updatedAt, entry: teaEntry },
      { id: run.id, updatedAt: new Date(run.updatedAt.getTime() - 1), entry: { key: 'v1 UTC', terms: ['ann', 'run'], tokens: 9 } },
    ]);
    assert.equal(written, 1, 'an entry derived from an older state of the memory is not stored');
    assert.deepEqual(await entries(id), [['Ann drinks green tea', teaEntry], ['Ann runs', null]]);
    assert.equal((await store.users.get(id))?.memoryStamp, before?.memoryStamp, 'storing entries is not a memory change');
    const [stored] = await store.memories.listWithIndexEntries(id);
    assert.equal(stored!.memory.updatedAt.getTime(), tea.updatedAt.getTime());
    assert.deepEqual(await entries(other), [['Ann drinks green tea', null]], "another user's memory with the same text is not touched");
    assert.equal(await store.memories.setIndexEntries(other, [{ id: tea.id, updatedAt: tea.updatedAt, entry: teaEntry }]), 0, "a user cannot write another user's memory by its id");
    await assert.rejects(store.memories.setIndexEntries(id, [{ id: tea.id, updatedAt: tea.updatedAt, entry: { key: 'v1 UTC', terms: ['x'], tokens: -1 } }]), rejectsWith('invalid_input'));

    // Every change of a memory clears its entry: a correction, an annotation, a supersession, a retirement.
    const runEntry = { key: 'v1 UTC', terms: ['ann', 'run'], tokens: 9 };
    assert.equal(await store.memories.setIndexEntries(id, [{ id: run.id, updatedAt: run.updatedAt, entry: runEntry }]), 1);
    await store.memories.edit(id, tea.id, { content: 'Ann drinks black tea' });
    assert.deepEqual((await entries(id, ['active', 'superseded'])).sort(), [['Ann drinks black tea', null], ['Ann drinks green tea', null], ['Ann runs', runEntry]], 'a correction clears it');
    await store.memories.annotate(id, run.id, { outdated: [] });
    assert.deepEqual(await entries(id), [['Ann drinks black tea', null], ['Ann runs', null]], 'an annotation clears it');
    const annotated = (await store.memories.get(id, run.id))!;
    await store.memories.setIndexEntries(id, [{ id: run.id, updatedAt: annotated.updatedAt, entry: runEntry }]);
    await store.memories.supersede(id, run.id, semantic('Ann walks'), null);
    assert.deepEqual((await entries(id, ['superseded'])).find(([content]) => content === 'Ann runs'), ['Ann runs', null], 'a supersession clears it');
    const black = (await store.memories.get(id, tea.id))!;
    await store.memories.setIndexEntries(id, [{ id: tea.id, updatedAt: black.updatedAt, entry: teaEntry }]);
    await store.memories.retire(id, tea.id, null, new Date());
    assert.deepEqual((await entries(id, ['retired'])), [['Ann drinks black tea', null]], 'a retirement clears it');
  });

  test('memories: changes since a stamp are the rows each write wrote, with its stamp, and counts of the same moment', async () => {
    const store = ctx.store();
    const [id, other] = [ctx.newUserId(), ctx.newUserId('other')];
    const stamp = async (): Promise<number> => (await store.users.get(id))?.memoryStamp ?? 0;
    const changed = async (afterStamp: number, types: ('semantic' | 'episodic' | 'procedural')[] = ['semantic', 'episodic']) => {
      const { changed: rows, counts } = await store.memories.changes(id, { types, afterStamp });
      return {
        rows: rows.map((row) => `${row.memory.content}:${row.memory.status}@${row.stamp}`).sort(),
        counts: counts.map((count) => `${count.type}/${count.status}=${count.count}`).sort(),
      };
    };
    const tea = await store.memories.add(id, semantic('Ann drinks tea'));
    const afterTea = await stamp();
    const run = await store.memories.add(id, { type: 'episodic', content: 'Ann ran 5 km', keywords: [] });
    await store.memories.add(id, { type: 'procedural', content: 'Ann runs mornings', keywords: [] });
    await store.memories.add(other, semantic('Eve drinks tea'));
    assert.deepEqual(await changed(-1), { rows: [`Ann drinks tea:active@${afterTea}`, `Ann ran 5 km:active@${afterTea + 1}`], counts: ['episodic/active=1', 'semantic/active=1'] }, 'only the types asked, only this user');
    assert.deepEqual((await changed(afterTea)).rows, [`Ann ran 5 km:active@${afterTea + 1}`]);
    const before = await stamp();
    const coffee = await store.memories.supersede(id, tea.id, semantic('Ann drinks coffee'), null);
    const superseded = await stamp();
    assert.deepEqual(await changed(before), {
      rows: [`Ann drinks coffee:active@${superseded}`, `Ann drinks tea:superseded@${superseded}`],
      counts: ['episodic/active=1', 'semantic/active=1', 'semantic/superseded=1'],
    }, 'a supersession writes both rows under one stamp');
    await store.memories.annotate(id, run.id, { note: 'x' });
    await store.memories.retire(id, run.id, null, new Date());
    assert.deepEqual((await changed(superseded)).rows, [`Ann ran 5 km:retired@${superseded + 2}`], 'a row changed twice comes once, as it is now');
    const beforeEdit = await stamp();
    await store.memories.edit(id, coffee.id, { content: 'Ann drinks espresso' });
    assert.deepEqual((await changed(beforeEdit)).rows, [`Ann drinks coffee:superseded@${beforeEdit + 1}`, `Ann drinks espresso:active@${beforeEdit + 1}`]);
    const beforeForget = await stamp();
    await store.memories.forget(id, coffee.id);
    assert.deepEqual(await changed(beforeForget), { rows: [], counts: ['episodic/retired=1'] }, 'a forgotten lineage leaves no row: only the counts show it');
    assert.equal(await store.memories.setIndexEntries(id, []), 0);
    assert.deepEqual((await store.memories.changes(other, { types: ['semantic'], afterStamp: -1 })).changed.map((row) => row.memory.content), ['Eve drinks tea']);
    await assert.rejects(store.memories.changes(id, { types: [], afterStamp: 0 }), rejectsWith('invalid_input'));
  });

  test('images: content addressed, bytes round trip, analysis stored', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    await assert.rejects(store.images.put(id, bytes, { mime: 'image/png', width: 4, height: 3 }), rejectsWith('not_found'), 'an image never creates its user');
    assert.deepEqual((await store.users.list()).filter((user) => user.id === id), []);
    await store.users.ensure(id);
    const first = await store.images.put(id, bytes, { mime: 'image/png', width: 4, height: 3 });
    const again = await store.images.put(id, bytes, { mime: 'image/png', width: 4, height: 3 });
    assert.equal(first.sha256, again.sha256);
    assert.equal((await store.images.list(id)).length, 1);
    assert.deepEqual(await store.images.readBytes(id, first.sha256), bytes);
    const analysis = { ocrText: 'EXIT', objects: [], faces: [], colors: ['red'], caption: null, analyzers: { ocr: 'ok' as const, faces: 'unavailable' as const } };
    await store.images.setAnalysis(id, first.sha256, analysis);
    assert.deepEqual((await store.images.get(id, first.sha256))?.analysis, analysis);
    const { session } = await sessionWithTurns(store, id, []);
    const turn = await store.turns.append(id, { sessionId: session.id, role: 'user', text: 'look', at: day('2024-03-01'), images: [first.sha256] });
    assert.deepEqual(turn.images, [first.sha256]);
  });

  test('images: the faces of each person, newest photo first, a few each, only the user\'s own, no descriptors', async () => {
    const store = ctx.store();
    const [id, other] = [ctx.newUserId(), ctx.newUserId('other')];
    const face = (personId: string | null, x: number) => ({ box: { x, y: 1, width: 5, height: 6 }, score: 0.5 + x / 100, personId, descriptor: [0.6, 0.8] });
    const faces = [[face('p1', 1), face(null, 2), face('p2', 3)], [face('p1', 4)], [], [face('p1', 5), face('p1', 6)], null];
    for (const user of [id, other]) {
      await store.users.ensure(user);
      for (const [index, list] of faces.entries()) {
        const image = await store.images.put(user, new Uint8Array([137, 80, index, user === id ? 1 : 2]), { mime: 'image/png', width: 40 + index, height: 30 });
        if (list) await store.images.setAnalysis(user, image.sha256, { ocrText: '', objects: [], faces: user === id ? list : [face('p9', 7)], colors: [], caption: null, analyzers: { faces: 'ok' } });
      }
    }
    // What a reader of every analysis would pick: images newest first (the reverse of list()), faces in order.
    const images = await store.images.list(id);
    const expected = (perPerson: number) => {
      const picked = new Map<string, object[]>();
      for (const image of images.toReversed()) {
        for (const found of image.analysis?.faces ?? []) {
          if (!found.personId) continue;
          const list = picked.get(found.personId) ?? [];
          if (list.length < perPerson) list.push({ personId: found.personId, imageSha256: image.sha256, imageWidth: image.width, imageHeight: image.height, box: found.box, score: found.score });
          picked.set(found.personId, list);
        }
      }
      return [...picked.keys()].sort().flatMap((personId) => picked.get(personId)!);
    };
    assert.deepEqual(await store.images.personFaces(id, 2), expected(2));
    assert.deepEqual(await store.images.personFaces(id, 10), expected(10));
    assert.equal((await store.images.personFaces(id, 10)).length, 5, 'four faces of p1 and one of p2; the unclustered face is left out');
    assert.deepEqual((await store.images.personFaces(other, 10)).map((found) => found.personId), ['p9', 'p9', 'p9', 'p9'], 'each user sees only their own faces');
    await assert.rejects(store.images.personFaces(id, 0), /positive integer/);
  });

  test('personality: append is idempotent per interaction count; latest and history', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    await store.personality.append(id, { interactions: 0, turnId: null, at: day('2024-03-01'), traits: NEUTRAL, inferred: null });
    const inferred = { ...NEUTRAL, openness: 5 };
    await store.personality.append(id, { interactions: 1, turnId: null, at: day('2024-03-02'), traits: { ...NEUTRAL, openness: 4 }, inferred });
    const retried = await store.personality.append(id, { interactions: 1, turnId: null, at: day('2024-03-03'), traits: NEUTRAL, inferred: null });
    assert.equal(retried.traits.openness, 4, 'a retried append returns the stored point');
    assert.deepEqual((await store.personality.latest(id))?.inferred, inferred);
    assert.deepEqual((await store.personality.history(id)).map((p) => p.interactions), [0, 1]);
    // Two updates that both computed point 2 (they raced): the second is a retryable conflict, never a lost point.
    const { turns } = await sessionWithTurns(store, id, ['first', 'second']);
    await store.personality.append(id, { interactions: 2, turnId: turns[0]!.id, at: day('2024-03-04'), traits: NEUTRAL, inferred });
    await assert.rejects(store.personality.append(id, { interactions: 2, turnId: turns[1]!.id, at: day('2024-03-04'), traits: NEUTRAL, inferred }), (error: unknown) => PersonaError.isInstance(error) && error.isRetryable && /already written for turn/.test(error.message));
    assert.equal((await store.personality.append(id, { interactions: 2, turnId: turns[0]!.id, at: day('2024-03-04'), traits: NEUTRAL, inferred })).turnId, turns[0]!.id, 'the same turn again is the retry: idempotent');
  });

  test('bad input is a typed error and loses nothing', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const { session, turns } = await sessionWithTurns(store, id, ['keep me']);
    const memory = await store.memories.add(id, semantic('keep this memory'));
    const before = await rowCounts(store, id);
    const invalid = rejectsWith('invalid_input');
    await assert.rejects(store.turns.append('../etc', { sessionId: session.id, role: 'user', text: 'x', at: new Date() }), invalid);
    await assert.rejects(store.turns.append(id, { sessionId: session.id, role: 'robot' as 'user', text: 'x', at: new Date() }), invalid);
    await assert.rejects(store.turns.append(id, { sessionId: session.id, role: 'user', text: 'x', at: new Date('not a date') }), invalid);
    await assert.rejects(store.memories.add(id, { type: 'dream' as 'core', content: 'x' }), invalid);
    await assert.rejects(store.memories.add(id, semantic('x', { unknownField: 1 } as object)), invalid);
    await assert.rejects(store.memories.list(id, { range: { from: new Date('bad'), to: null } }), invalid);
    // What PostgreSQL itself refuses is still the caller's input (400), never a database failure (500).
    await assert.rejects(store.turns.append(id, { sessionId: session.id, role: 'user', text: 'a\u0000b', at: new Date() }), invalid, 'a NUL character');
    await assert.rejects(store.turns.append(id, { sessionId: session.id, role: 'user', speaker: 'Ann\u0000', text: 'x', at: new Date() }), invalid, 'a NUL in the speaker');
    await assert.rejects(store.memories.add(id, semantic('x\u0000y')), invalid, 'a NUL in a memory');
    await assert.rejects(store.turns.append(id, { sessionId: session.id, role: 'user', text: 'x', at: new Date(Date.UTC(-300000, 0, 1)) }), invalid, 'a year PostgreSQL cannot store');
    await assert.rejects(store.turns.append(id, { sessionId: session.id, role: 'user', text: 'x'.repeat(100_001), at: new Date() }), rejectsWith('payload_too_large'));
    await assert.rejects(store.memories.edit(id, memory.id, { content: 'y'.repeat(100_001) }), rejectsWith('payload_too_large'));
    await assert.rejects(store.images.put(id, new Uint8Array(20 * 1024 * 1024 + 1), { mime: 'image/png', width: 1, height: 1 }), rejectsWith('payload_too_large'));
    await assert.rejects(store.turns.append(id, { sessionId: 'no-such-session', role: 'user', text: 'x', at: new Date() }), rejectsWith('not_found'));
    await assert.rejects(store.memories.add(id, semantic('x', { sourceTurnIds: ['no-such-turn'] })), rejectsWith('not_found'));
    await assert.rejects(store.turns.append(id, { sessionId: session.id, role: 'user', text: 'x', at: new Date(), images: ['f'.repeat(64)] }), rejectsWith('not_found'));
    await assert.rejects(store.memories.edit(id, 'no-such-memory', { content: 'y' }), rejectsWith('not_found'));
    await assert.rejects(store.memories.edit(id, memory.id, {}), invalid);
    await assert.rejects(store.sessions.close(id, 'no-such-session', new Date()), rejectsWith('not_found'));
    assert.deepEqual(await rowCounts(store, id), before);
    assert.equal((await store.turns.get(id, turns[0]!.id))?.text, 'keep me');
    assert.equal((await store.memories.get(id, memory.id))?.content, 'keep this memory');
  });

  test('a failed transaction stores nothing; a committed one stores everything', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const { session } = await sessionWithTurns(store, id, []);
    await assert.rejects(store.transaction(async (tx) => {
      await tx.turns.append(id, { sessionId: session.id, role: 'user', text: 'lost', at: day('2024-03-01') });
      await tx.memories.add(id, semantic('lost too'));
      throw new Error('boom');
    }), /boom/);
    assert.equal((await store.turns.list(id)).length, 0);
    assert.equal((await store.memories.list(id)).length, 0);
    await store.transaction(async (tx) => {
      const turn = await tx.turns.append(id, { sessionId: session.id, role: 'user', text: 'kept', at: day('2024-03-01') });
      await tx.memories.add(id, semantic('kept too', { sourceTurnIds: [turn.id] }));
    });
    assert.equal((await store.turns.list(id)).length, 1);
    assert.equal((await store.memories.list(id)).length, 1);
  });

  test('50 parallel turn appends and 50 memory adds for one user lose nothing', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const { session } = await sessionWithTurns(store, id, []);
    await Promise.all(Array.from({ length: 50 }, (_, index) => Promise.all([
      store.turns.append(id, { sessionId: session.id, role: 'user', text: `turn ${index}`, at: new Date(day('2024-03-01').getTime() + index * 1000) }),
      store.memories.add(id, semantic(`memory ${index}`)),
    ])));
    const turns = await store.turns.list(id);
    assert.equal(turns.length, 50);
    assert.deepEqual(turns.map((t) => t.seq), Array.from({ length: 50 }, (_, index) => index + 1));
    assert.equal(new Set(turns.map((t) => t.text)).size, 50);
    assert.equal((await store.memories.list(id)).length, 50);
    assert.equal((await store.sessions.get(id, session.id))?.turnCount, 50);
  });

  test('turns by the client\'s id: only the user\'s own, and ten concurrent retries of one id store it once', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const other = ctx.newUserId();
    const { session } = await sessionWithTurns(store, id, []);
    const { session: otherSession } = await sessionWithTurns(store, other, []);
    await store.turns.append(other, { sessionId: otherSession.id, role: 'user', text: 'theirs', at: day('2024-03-01'), externalId: 'msg-1' });
    assert.equal(await store.turns.byExternalId(id, 'msg-1'), null, 'another user\'s turn with the same id is not ours');
    const once = () => store.transaction(async (tx) => (await tx.turns.byExternalId(id, 'msg-1'))
      ?? tx.turns.append(id, { sessionId: session.id, role: 'user', text: 'mine', at: day('2024-03-01'), externalId: 'msg-1' }));
    const results = await Promise.all(Array.from({ length: 10 }, once));
    assert.equal(new Set(results.map((turn) => turn.id)).size, 1, 'every retry got the one stored turn');
    assert.equal((await store.turns.list(id)).length, 1);
    assert.equal((await store.turns.byExternalId(id, 'msg-1'))?.text, 'mine');
    await assert.rejects(store.turns.byExternalId(id, ''), rejectsWith('invalid_input'));
  });
}
