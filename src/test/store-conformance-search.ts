import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PersonaError } from '../errors/index.ts';
import type { ConformanceContext } from './store-conformance.ts';
import { day, semantic, sessionWithTurns, unitVector } from './store-conformance-fixtures.ts';

export function searchCases(ctx: ConformanceContext): void {
  test('full-text: words are OR-ed, stemmed, ranked, and filtered by type, status and time', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const both = await store.memories.add(id, semantic('Ann walks her dogs in the park every morning', { keywords: ['exercise'] }));
    const one = await store.memories.add(id, semantic('Ann bought a new dog bed'));
    await store.memories.add(id, semantic('Ann plays chess'));
    const episodic = await store.memories.add(id, { type: 'episodic', content: 'A talk about the park near the river', eventTime: { from: day('2023-01-05'), to: null } });
    const hits = await store.search.text(id, { text: 'dog park', target: 'memories' });
    assert.deepEqual(hits.map((h) => h.id).slice(0, 1), [both.id], 'the memory matching both words ranks first');
    assert.deepEqual(new Set(hits.map((h) => h.id)), new Set([both.id, one.id, episodic.id]));
    assert.ok(hits.every((h) => h.score > 0 && h.target === 'memories'));
    assert.deepEqual((await store.search.text(id, { text: 'exercise', target: 'memories' })).map((h) => h.id), [both.id], 'keywords are searchable');
    assert.deepEqual((await store.search.text(id, { text: 'park', target: 'memories', types: ['episodic'] })).map((h) => h.id), [episodic.id]);
    assert.deepEqual((await store.search.text(id, { text: 'park', target: 'memories', range: { from: day('2023-01-01'), to: day('2023-02-01') } })).map((h) => h.id), [episodic.id]);
    await store.memories.supersede(id, one.id, semantic('Ann returned the bed'), null);
    assert.ok(!(await store.search.text(id, { text: 'dog', target: 'memories' })).some((h) => h.id === one.id), 'superseded memories are not found');
    assert.deepEqual((await store.search.text(id, { text: 'dogs', target: 'memories', limit: 1 })).length, 1);
  });

  test('full-text on turns covers text, speaker and image text from enrichment', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const { session, turns } = await sessionWithTurns(store, id, ['we went to the beach', 'sounds fun'], day('2024-04-01'));
    const named = await store.turns.append(id, { sessionId: session.id, role: 'user', speaker: 'Caroline', text: 'look at this', at: day('2024-04-02') });
    await store.turns.setEnrichment(id, turns[1]!.id, { keywords: [], lemmas: [], entities: [], dates: [], imageText: 'surfboard rental sign' });
    assert.deepEqual((await store.search.text(id, { text: 'beaches', target: 'turns' })).map((h) => h.id), [turns[0]!.id]);
    assert.deepEqual((await store.search.text(id, { text: 'caroline', target: 'turns' })).map((h) => h.id), [named.id]);
    assert.deepEqual((await store.search.text(id, { text: 'surfboard', target: 'turns' })).map((h) => h.id), [turns[1]!.id]);
    assert.deepEqual((await store.search.text(id, { text: 'beach look', target: 'turns', range: { from: day('2024-04-02'), to: null } })).map((h) => h.id), [named.id]);
  });

  test('full-text never interprets query syntax: operators, quotes and SQL are just words', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const memory = await store.memories.add(id, semantic('the table is drop-leaf oak'));
    for (const text of ["'); drop table memories; --", 'oak & | ! <-> :* "', '!!!', '', 'the of and or']) {
      const hits = await store.search.text(id, { text, target: 'memories' });
      assert.ok(Array.isArray(hits));
    }
    assert.deepEqual((await store.search.text(id, { text: "'); drop table memories; --", target: 'memories' })).map((h) => h.id), [memory.id]);
    assert.equal((await store.memories.list(id)).length, 1);
  });
}

export function vectorCases(ctx: ConformanceContext, path: 'pgvector' | 'exact'): void {
  test(`vector search (${path}): nearest first by cosine distance, per model, filtered`, async () => {
    const store = ctx.store();
    assert.equal((await store.capabilities()).vector, path === 'pgvector');
    const id = ctx.newUserId();
    const near = await store.memories.add(id, semantic('near'));
    const far = await store.memories.add(id, semantic('far'));
    const core = await store.memories.add(id, { type: 'core', key: 'x', content: 'core near' });
    const old = await store.memories.add(id, semantic('old', { eventTime: { from: day('2020-01-01'), to: null } }));
    await store.memories.setEmbedding(id, near.id, { model: 'mini', vector: [1, 0.1, 0] });
    await store.memories.setEmbedding(id, far.id, { model: 'mini', vector: [0, 0, 1] });
    await store.memories.setEmbedding(id, core.id, { model: 'mini', vector: [1, 0.05, 0] });
    await store.memories.setEmbedding(id, old.id, { model: 'mini', vector: [1, 0.2, 0] });
    await store.memories.setEmbedding(id, far.id, { model: 'other', vector: [1, 0, 0, 0, 0] });
    const hits = await store.search.vector(id, { model: 'mini', vector: [2, 0, 0], target: 'memories' });
    assert.deepEqual(hits.map((h) => h.id), [core.id, near.id, old.id, far.id]);
    assert.ok(Math.abs(hits[3]!.distance - 1) < 1e-6, 'orthogonal vectors are at distance 1');
    assert.ok(hits[0]!.distance < 0.01);
    assert.deepEqual((await store.search.vector(id, { model: 'mini', vector: [1, 0, 0], target: 'memories', types: ['semantic'], limit: 1 })).map((h) => h.id), [near.id]);
    assert.deepEqual((await store.search.vector(id, { model: 'mini', vector: [1, 0, 0], target: 'memories', range: { from: day('2019-01-01'), to: day('2021-01-01') } })).map((h) => h.id), [old.id]);
    assert.deepEqual((await store.search.vector(id, { model: 'other', vector: [1, 0, 0, 0, 0], target: 'memories' })).map((h) => h.id), [far.id], 'another model is its own space');
    assert.deepEqual(await store.search.vector(id, { model: 'unknown', vector: [1, 0], target: 'memories' }), []);
    assert.equal((await store.memories.get(id, far.id))?.embeddingDimensions, 5);
  });

  test(`vector search (${path}): turns and images; a dimension change for one model is refused`, async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const { turns } = await sessionWithTurns(store, id, ['first', 'second'], day('2024-02-01'));
    await store.turns.setEmbedding(id, turns[0]!.id, { model: 'mini', vector: unitVector(8, 0, 0.01) });
    await store.turns.setEmbedding(id, turns[1]!.id, { model: 'mini', vector: unitVector(8, 1, 0.01) });
    assert.equal((await store.search.vector(id, { model: 'mini', vector: unitVector(8, 1), target: 'turns' }))[0]?.id, turns[1]!.id);
    assert.deepEqual((await store.search.vector(id, { model: 'mini', vector: unitVector(8, 1), target: 'turns', range: { from: null, to: turns[1]!.at } })).map((h) => h.id), [turns[0]!.id]);
    const image = await store.images.put(id, new Uint8Array([5, 6, 7]), { mime: 'image/webp', width: 1, height: 1 });
    await store.images.setEmbedding(id, image.sha256, { model: 'clip', vector: [0.3, 0.4] });
    assert.deepEqual(await store.search.vector(id, { model: 'clip', vector: [0.3, 0.4], target: 'images' }).then((h) => h.map((x) => x.id)), [image.sha256]);
    const mismatch = (error: unknown): boolean => PersonaError.isInstance(error) && error.code === 'embedding_mismatch';
    await assert.rejects(store.turns.setEmbedding(id, turns[0]!.id, { model: 'mini', vector: [1, 0, 0] }), mismatch);
    await assert.rejects(store.search.vector(id, { model: 'mini', vector: [1, 0, 0], target: 'turns' }), mismatch);
    await assert.rejects(store.turns.setEmbedding(id, turns[0]!.id, { model: 'mini', vector: unitVector(8, 0, 0).map(() => 0) }), (error: unknown) => PersonaError.isInstance(error) && error.code === 'invalid_input');
    await assert.rejects(store.turns.setEmbedding(id, 'no-such-turn', { model: 'mini', vector: unitVector(8, 0) }), (error: unknown) => PersonaError.isInstance(error) && error.code === 'not_found');
  });
}
