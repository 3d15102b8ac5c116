// The per-turn prompt is told who is in a photo (persons recognised by face), so its memories can name them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MemoryStore } from '../store/memory-store.ts';
import { openTestStore } from '../test/test-store.ts';
import { renderShape } from '../vision/test-images.ts';
import { turnContextBlock } from '../prompts/remember-turn-input.ts';
import { loadTurnImages } from './job-context.ts';

let store: MemoryStore;
before(async () => {
  store = await openTestStore();
});
after(() => store.close());

const face = (personId: string | null) => ({ box: { x: 1, y: 1, width: 4, height: 4 }, score: 0.9, personId });

test('loadTurnImages lists the persons of each image, by name when the user gave one', async () => {
  const bytes = await renderShape('red', 'white');
  await store.users.ensure('ann');
  const image = await store.images.put('ann', bytes, { mime: 'image/png', width: 64, height: 64 });
  await store.images.setAnalysis('ann', image.sha256, { ocrText: '', objects: [], faces: [face('person-1'), face('person-2'), face('person-1')], colors: ['red'], caption: null, analyzers: { faces: 'ok' } });
  await store.persons.upsertMany('ann', [{ id: 'person-1', centroid: [1, 0], count: 2 }, { id: 'person-2', centroid: [0, 1], count: 1 }]);
  await store.persons.rename('ann', 'person-1', 'Alice');
  const session = await store.sessions.create('ann', new Date('2026-05-01T10:00:00Z'));
  const turn = await store.turns.append('ann', { sessionId: session.id, role: 'user', text: 'At the lake with friends', at: new Date('2026-05-01T10:00:00Z'), images: [image.sha256] });
  const loaded = await loadTurnImages(store, turn);
  assert.deepEqual(loaded.people, [['Alice (person-1)', 'person-2']]);
  const block = turnContextBlock({
    turn: { role: 'user', speaker: null, text: turn.text, at: turn.at },
    recent: [],
    related: [],
    personality: { openness: 3, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 },
    images: loaded.images,
    imageSizes: loaded.sizes,
    imagePeople: loaded.people,
  });
  assert.match(block, /Image 1: 64x64 px, people recognised by face: Alice \(person-1\), person-2/);
  assert.match(block, /name them as given/);
  const bob = await store.turns.append('bob', { sessionId: (await store.sessions.create('bob', turn.at)).id, role: 'user', text: 'no photo', at: turn.at });
  assert.deepEqual((await loadTurnImages(store, bob)).people, []);
});
