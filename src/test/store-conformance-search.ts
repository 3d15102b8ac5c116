import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PersonaError } from '../errors/index.ts';
import type { ConformanceContext } from './store-conformance.ts';
import { day, semantic, sessionWithTurns, unitVector } from './store-conformance-fixtures.ts';

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
