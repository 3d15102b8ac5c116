import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { EventBus, type PersonaEvent } from '../memory/events.ts';
import type { TextEmbedder } from '../model/ports.ts';
import type { PgliteStore } from '../store/pglite-store.ts';
import { FixedTextEmbedder } from '../test/fixed-text-embedder.ts';
import { openTestStore } from '../test/test-store.ts';
import { reembedUser, type ReembedProgress } from './reembed.ts';

let store: PgliteStore;
before(async () => {
  store = await openTestStore();
});
after(async () => {
  await store.close();
});

const enrichment = (imageText: string) => ({ keywords: [], lemmas: [], entities: [], dates: [], imageText });

/** A user with 2 active memories, 1 superseded, 3 turns with something to embed (one of them only image text) and 1 without. */
async function seedUser(userId: string): Promise<{ memoryIds: string[]; turnIds: string[] }> {
  const session = await store.sessions.create(userId, new Date('2024-05-01T10:00:00Z'));
  const at = (minute: number) => new Date(Date.UTC(2024, 4, 1, 10, minute));
  const said = await store.turns.append(userId, { sessionId: session.id, role: 'user', text: 'I adopted a cat named Miso', at: at(0) });
  const photo = await store.turns.append(userId, { sessionId: session.id, role: 'user', text: 'look at this', at: at(1) });
  await store.turns.setEnrichment(userId, photo.id, enrichment('bakery sign OPEN 24H'));
  const onlyImage = await store.turns.append(userId, { sessionId: session.id, role: 'user', text: '', at: at(2) });
  await store.turns.setEnrichment(userId, onlyImage.id, enrichment('a red bicycle'));
  await store.turns.append(userId, { sessionId: session.id, role: 'assistant', text: '  ', at: at(3) });
  const cat = await store.memories.add(userId, { type: 'semantic', content: 'The user has a cat named Miso.' });
  const old = await store.memories.add(userId, { type: 'semantic', content: 'The user lives in Oslo.' });
  const moved = await store.memories.supersede(userId, old.id, { type: 'semantic', content: 'The user lives in Bergen.' }, null);
  return { memoryIds: [cat.id, moved.id], turnIds: [said.id, photo.id, onlyImage.id] };
}

test('switching from model A to B: B vectors for every memory and turn, A kept or dropped as asked, reruns do nothing', async () => {
  const { memoryIds, turnIds } = await seedUser('ann');
  await seedUser('bob');
  const a = new FixedTextEmbedder({ modelId: 'model-a', dimensions: 16 });
  await reembedUser({ store, embedder: a }, 'ann');
  await reembedUser({ store, embedder: a }, 'bob');

  const b = new FixedTextEmbedder({ modelId: 'model-b', dimensions: 24, maxBatchSize: 2 });
  const events = new EventBus();
  const seen: PersonaEvent[] = [];
  events.on((event) => seen.push(event));
  const progress: ReembedProgress[] = [];
  const first = await reembedUser({ store, embedder: b, events }, 'ann', { onProgress: (p) => progress.push({ ...p }) });
  assert.deepEqual(first, {
    userId: 'ann', model: 'model-b',
    memories: { total: 2, embedded: 2, skipped: 0 },
    turns: { total: 3, embedded: 3, skipped: 0 },
    dropped: [],
  });
  assert.deepEqual(b.calls, [
    ['The user has a cat named Miso.', 'The user lives in Bergen.'],
    ['I adopted a cat named Miso', 'look at this\nbakery sign OPEN 24H'],
    ['a red bicycle'],
  ], 'batched by maxBatchSize; a turn is embedded with its image text; blank turns and superseded memories are not');
  assert.deepEqual(progress.map((p) => `${p.target} ${p.total}`), ['memories 2', 'turns 2', 'turns 3']);
  assert.equal(seen.filter((event) => event.type === 'embeddings_reembedded').length, 1);
  assert.deepEqual(await store.embeddings.models('ann'), [
    { target: 'memories', model: 'model-a', dimensions: 16, count: 2 },
    { target: 'memories', model: 'model-b', dimensions: 24, count: 2 },
    { target: 'turns', model: 'model-a', dimensions: 16, count: 3 },
    { target: 'turns', model: 'model-b', dimensions: 24, count: 3 },
  ]);
  assert.deepEqual(new Set(await store.embeddings.existing('ann', 'turns', 'model-b', turnIds)), new Set(turnIds));
  assert.deepEqual(new Set(await store.embeddings.existing('ann', 'memories', 'model-b', memoryIds)), new Set(memoryIds));
  const hits = await store.search.vector('ann', { model: 'model-b', vector: b.vector('bakery sign'), target: 'turns', limit: 1 });
  assert.equal(hits[0]?.id, turnIds[1], 'the new vectors are searchable');

  const again = await reembedUser({ store, embedder: b }, 'ann');
  assert.deepEqual([again.memories, again.turns], [{ total: 2, embedded: 0, skipped: 2 }, { total: 3, embedded: 0, skipped: 3 }]);
  assert.equal(b.calls.length, 3, 'a second run calls the embedder not at all');

  const dropped = await reembedUser({ store, embedder: b }, 'ann', { dropOtherModels: true });
  assert.deepEqual(dropped.dropped, [{ model: 'model-a', count: 5 }], 'two memories and three turns');
  assert.deepEqual((await store.embeddings.models('ann')).map((entry) => entry.model), ['model-b', 'model-b']);
  assert.deepEqual(await store.embeddings.models('bob'), [
    { target: 'memories', model: 'model-a', dimensions: 16, count: 2 },
    { target: 'turns', model: 'model-a', dimensions: 16, count: 3 },
  ], "another user's vectors are untouched");
});

test('a run that fails half way resumes where it stopped and drops nothing', async () => {
  const { turnIds } = await seedUser('cyd');
  await reembedUser({ store, embedder: new FixedTextEmbedder({ modelId: 'model-a', dimensions: 16 }) }, 'cyd');
  const b = new FixedTextEmbedder({ modelId: 'model-b', dimensions: 24, maxBatchSize: 2 });
  let calls = 0;
  const flaky: TextEmbedder = {
    modelId: b.modelId, dimensions: b.dimensions, maxBatchSize: b.maxBatchSize,
    embed: async (texts) => {
      calls += 1;
      if (calls === 3) throw new Error('embedding server went away');
      return b.embed(texts);
    },
  };
  await assert.rejects(reembedUser({ store, embedder: flaky }, 'cyd', { dropOtherModels: true }), /went away/);
  assert.equal((await store.embeddings.existing('cyd', 'turns', 'model-b', turnIds)).length, 2, 'the first turn batch was stored');
  assert.ok((await store.embeddings.models('cyd')).some((entry) => entry.model === 'model-a'), 'old vectors are kept after a failure');

  const resumed = await reembedUser({ store, embedder: b }, 'cyd', { dropOtherModels: true });
  assert.deepEqual([resumed.memories.embedded, resumed.turns.embedded, resumed.turns.skipped], [0, 1, 2]);
  assert.deepEqual(b.calls.at(-1), ['a red bicycle'], 'only the missing turn was embedded');
  assert.deepEqual(resumed.dropped, [{ model: 'model-a', count: 5 }]);
});
