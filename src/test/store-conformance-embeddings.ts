import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PersonaError } from '../errors/index.ts';
import type { ConformanceContext } from './store-conformance.ts';
import { semantic, sessionWithTurns, unitVector } from './store-conformance-fixtures.ts';

export function embeddingCases(ctx: ConformanceContext): void {
  test('embeddings: models with dimensions and counts per target, existing ids, uncovered rows, per-user', async () => {
    const store = ctx.store();
    const ann = ctx.newUserId('ann');
    const bob = ctx.newUserId('bob');
    const { turns } = await sessionWithTurns(store, ann, ['one', 'two', 'three']);
    const kept = await store.memories.add(ann, semantic('kept'));
    const old = await store.memories.add(ann, semantic('old'));
    for (const turn of turns) await store.turns.setEmbedding(ann, turn.id, { model: 'a', vector: unitVector(4, 0) });
    await store.turns.setEmbedding(ann, turns[0]!.id, { model: 'b', vector: unitVector(6, 1) });
    await store.memories.setEmbedding(ann, kept.id, { model: 'a', vector: unitVector(4, 2) });
    await store.memories.setEmbedding(ann, old.id, { model: 'a', vector: unitVector(4, 3) });
    await store.memories.supersede(ann, old.id, semantic('new'), null);
    const image = await store.images.put(ann, new Uint8Array([9, 9, 9]), { mime: 'image/png', width: 1, height: 1 });
    await store.images.setEmbedding(ann, image.sha256, { model: 'clip', vector: [1, 0] });
    const bobTurns = (await sessionWithTurns(store, bob, ['bob'])).turns;
    await store.turns.setEmbedding(bob, bobTurns[0]!.id, { model: 'a', vector: unitVector(4, 0) });

    assert.deepEqual(await store.embeddings.models(ann), [
      { target: 'images', model: 'clip', dimensions: 2, count: 1 },
      { target: 'memories', model: 'a', dimensions: 4, count: 2 },
      { target: 'turns', model: 'a', dimensions: 4, count: 3 },
      { target: 'turns', model: 'b', dimensions: 6, count: 1 },
    ]);
    assert.deepEqual(await store.embeddings.models(bob), [{ target: 'turns', model: 'a', dimensions: 4, count: 1 }]);
    assert.deepEqual(new Set(await store.embeddings.existing(ann, 'turns', 'a', turns.map((t) => t.id))), new Set(turns.map((t) => t.id)));
    assert.deepEqual(await store.embeddings.existing(ann, 'turns', 'b', turns.map((t) => t.id)), [turns[0]!.id]);
    assert.deepEqual(await store.embeddings.existing(bob, 'turns', 'a', turns.map((t) => t.id)), [], "ann's ids are not bob's");
    assert.deepEqual(await store.embeddings.existing(ann, 'turns', 'a', []), []);

    // The superseded memory's vector is history, never searched: it does not count as uncovered.
    assert.deepEqual(await store.embeddings.uncovered(ann, 'b', ['memories', 'turns']), [
      { target: 'memories', count: 1, models: ['a'] },
      { target: 'turns', count: 2, models: ['a'] },
    ]);
    assert.deepEqual(await store.embeddings.uncovered(ann, 'a', ['memories', 'turns']), [], 'every row with a vector has one of "a"');
    assert.deepEqual(await store.embeddings.uncovered(ann, 'b', ['images']), [{ target: 'images', count: 1, models: ['clip'] }]);
    assert.deepEqual(await store.embeddings.uncovered(bob, 'b', ['memories', 'turns']), [{ target: 'turns', count: 1, models: ['a'] }]);
    await assert.rejects(store.embeddings.uncovered(ann, 'b', []), (error: unknown) => PersonaError.isInstance(error) && error.code === 'invalid_input');
  });

  test('embeddings: deleteModel removes one model of one user, on the targets asked, and search stops seeing it', async () => {
    const store = ctx.store();
    const ann = ctx.newUserId('ann');
    const bob = ctx.newUserId('bob');
    const { turns } = await sessionWithTurns(store, ann, ['one', 'two']);
    const memory = await store.memories.add(ann, semantic('m'));
    for (const turn of turns) await store.turns.setEmbedding(ann, turn.id, { model: 'a', vector: unitVector(4, 0) });
    await store.memories.setEmbedding(ann, memory.id, { model: 'a', vector: unitVector(4, 0) });
    await store.memories.setEmbedding(ann, memory.id, { model: 'b', vector: unitVector(3, 0) });
    const bobTurns = (await sessionWithTurns(store, bob, ['bob'])).turns;
    await store.turns.setEmbedding(bob, bobTurns[0]!.id, { model: 'a', vector: unitVector(4, 0) });

    assert.equal(await store.embeddings.deleteModel(ann, 'a', ['turns']), 2);
    assert.deepEqual(await store.search.vector(ann, { model: 'a', vector: unitVector(4, 0), target: 'turns' }), []);
    assert.deepEqual((await store.search.vector(ann, { model: 'a', vector: unitVector(4, 0), target: 'memories' })).map((h) => h.id), [memory.id]);
    assert.equal(await store.embeddings.deleteModel(ann, 'a'), 1);
    assert.equal(await store.embeddings.deleteModel(ann, 'a'), 0, 'nothing left to delete');
    assert.deepEqual(await store.embeddings.models(ann), [{ target: 'memories', model: 'b', dimensions: 3, count: 1 }]);
    assert.equal((await store.memories.get(ann, memory.id))?.embeddingModel, 'b');
    assert.deepEqual(await store.embeddings.models(bob), [{ target: 'turns', model: 'a', dimensions: 4, count: 1 }], "bob's vectors are untouched");
    // With no vector of "a" left, the user may store "a" at another dimension: the old space is gone.
    await store.turns.setEmbedding(ann, turns[0]!.id, { model: 'a', vector: unitVector(8, 0) });
    await assert.rejects(store.embeddings.deleteModel(ann, '', ['turns']), (error: unknown) => PersonaError.isInstance(error) && error.code === 'invalid_input');
  });
}
