import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PersonaError } from '../errors/index.ts';
import { USER_TABLES } from '../store/tables.ts';
import type { ConformanceContext } from './store-conformance.ts';
import { semantic, sessionWithTurns, unitVector } from './store-conformance-fixtures.ts';

export function isolationCases(ctx: ConformanceContext): void {
  test('two users never see each other on any read path', async () => {
    const store = ctx.store();
    const ann = ctx.newUserId('ann');
    const bob = ctx.newUserId('bob');
    const { session, turns } = await sessionWithTurns(store, ann, ['secret garden in Kyoto']);
    await sessionWithTurns(store, bob, ['nothing to see']);
    const memory = await store.memories.add(ann, semantic('Ann keeps a secret garden', { sourceTurnIds: [turns[0]!.id] }));
    const replaced = await store.memories.supersede(ann, memory.id, semantic('Ann keeps two secret gardens'), null);
    await store.memories.setEmbedding(ann, replaced.id, { model: 'iso', vector: unitVector(4, 0) });
    await store.turns.setEmbedding(ann, turns[0]!.id, { model: 'iso', vector: unitVector(4, 0) });
    const image = await store.images.put(ann, new Uint8Array([42, 42]), { mime: 'image/png', width: 1, height: 1 });
    await store.images.setEmbedding(ann, image.sha256, { model: 'clip-iso', vector: [1, 0] });
    await store.jobs.enqueue(ann, { kind: 'k', payload: {}, dedupeKey: 'iso' });
    await store.personality.append(ann, { interactions: 0, turnId: null, at: new Date(), traits: { openness: 3, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 }, inferred: null });

    const notFound = (error: unknown): boolean => PersonaError.isInstance(error) && error.code === 'not_found';
    assert.equal(await store.sessions.get(bob, session.id), null);
    assert.equal(await store.turns.get(bob, turns[0]!.id), null);
    assert.deepEqual(await store.turns.getMany(bob, [turns[0]!.id]), []);
    assert.ok((await store.turns.list(bob)).every((t) => t.userId === bob));
    assert.equal(await store.memories.get(bob, replaced.id), null);
    assert.deepEqual(await store.memories.getMany(bob, [memory.id, replaced.id]), []);
    assert.deepEqual(await store.memories.list(bob, { status: ['active', 'superseded'] }), []);
    await assert.rejects(store.memories.history(bob, replaced.id), notFound);
    await assert.rejects(store.memories.edit(bob, replaced.id, { content: 'hijack' }), notFound);
    await assert.rejects(store.memories.forget(bob, replaced.id), notFound);
    await assert.rejects(store.memories.setEmbedding(bob, replaced.id, { model: 'iso', vector: unitVector(4, 1) }), notFound);
    assert.deepEqual(await store.search.vector(bob, { model: 'iso', vector: unitVector(4, 0), target: 'memories' }), []);
    assert.deepEqual(await store.search.vector(bob, { model: 'iso', vector: unitVector(4, 0), target: 'turns' }), []);
    assert.deepEqual(await store.search.vector(bob, { model: 'clip-iso', vector: [1, 0], target: 'images' }), []);
    assert.equal(await store.images.get(bob, image.sha256), null);
    await assert.rejects(store.images.readBytes(bob, image.sha256), notFound);
    assert.deepEqual(await store.images.list(bob), []);
    assert.deepEqual(await store.jobs.list(bob), []);
    assert.equal(await store.jobs.pendingCount(bob), 0);
    assert.deepEqual(await store.jobs.claim('w', 10, 60_000, new Date(), bob), []);
    assert.equal(await store.personality.latest(bob), null);
    await assert.rejects(store.turns.append(bob, { sessionId: session.id, role: 'user', text: 'x', at: new Date() }), notFound);

    const directory = await mkdtemp(join(tmpdir(), 'personavlm-iso-'));
    try {
      await store.exportUser(bob, directory);
      for (const table of USER_TABLES) {
        const text = await readFile(join(directory, `${table}.jsonl`), 'utf8');
        assert.ok(!text.includes(ann), `${table}.jsonl of bob mentions ann`);
        assert.ok(!text.includes('secret'), `${table}.jsonl of bob holds ann's words`);
      }
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
}
