// Embedders add candidates: a turn with no word in common is found by its vector, a turn carrying a similar
// stored image by the query's image. Scripted embedders record calls and refuse texts nobody scripted.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ChatImage, ImageEmbedder, TextEmbedder } from '../model/ports.ts';
import { createStore } from '../store/index.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import { BM25_DEFAULTS } from './bm25.ts';
import { createRetriever } from './retriever.ts';
import { UserViews } from './user-view.ts';
import { collectSignals } from './vector-signals.ts';

function scriptedTextEmbedder(script: Record<string, number[]>): TextEmbedder & { calls: string[] } {
  const calls: string[] = [];
  return {
    modelId: 'scripted-text',
    dimensions: 3,
    maxBatchSize: 8,
    calls,
    async embed(texts) {
      calls.push(...texts);
      return texts.map((text) => {
        const vector = script[text];
        if (!vector) throw new Error(`unscripted text: ${text}`);
        return vector;
      });
    },
  };
}

const imageEmbedder: ImageEmbedder & { calls: number } = {
  modelId: 'scripted-image',
  dimensions: 3,
  calls: 0,
  async embedImages(images: ChatImage[]) {
    imageEmbedder.calls += images.length;
    return images.map(() => [0, 0, 1]);
  },
};

const AT = new Date('2023-07-01T00:00:00Z');
let store: MemoryStore;
const ids: Record<string, string> = {};

before(async () => {
  store = createStore({ engine: 'pglite' });
  await store.open();
  await store.users.ensure('v');
  const session = await store.sessions.create('v', new Date('2023-06-01T10:00:00Z'));
  const image = await store.images.put('v', new Uint8Array([1, 2, 3, 4]), { mime: 'image/png', width: 1, height: 1 });
  await store.images.setEmbedding('v', image.sha256, { model: 'scripted-image', vector: [0, 0, 1] });
  const rows: [string, string, number[], string[]][] = [
    ['cello', 'I adore my cello lessons.', [1, 0, 0], []],
    ['garden', 'The tomatoes are finally red.', [0, 1, 0], []],
    ['photo', 'Look at this!', [0, 0.2, 0.98], [image.sha256]],
  ];
  for (const [key, text, vector, images] of rows) {
    const turn = await store.turns.append('v', { sessionId: session.id, role: 'user', text, at: new Date('2023-06-01T10:00:00Z'), images });
    await store.turns.setEmbedding('v', turn.id, { model: 'scripted-text', vector });
    ids[key] = turn.id;
  }
});

after(async () => store.close());

test('a text vector finds a turn that shares no word with the query', async () => {
  const embedder = scriptedTextEmbedder({ 'music hobby': [1, 0, 0] });
  const result = await createRetriever({ store, embedder }).recall({ userId: 'v', query: 'music hobby', at: AT, budgetTokens: 30 });
  assert.deepEqual(embedder.calls, ['music hobby']);
  assert.deepEqual(result.items[0]!.sourceTurnIds, [ids.cello]);
  const lexicalOnly = await createRetriever({ store }).recall({ userId: 'v', query: 'music hobby', at: AT, budgetTokens: 30 });
  assert.deepEqual(lexicalOnly.items[0]!.sourceTurnIds, [ids.photo], 'without vectors nothing matches: the newest turn is the guess');
});

test('a query image finds the turn carrying a similar stored image, and hands the image back', async () => {
  const embedder = scriptedTextEmbedder({ 'what is this?': [0, 0, 0.1] });
  const retriever = createRetriever({ store, embedder, imageEmbedder });
  const result = await retriever.recall({ userId: 'v', query: 'what is this?', images: [{ bytes: new Uint8Array([9]), mime: 'image/png' }], at: AT, budgetTokens: 40 });
  assert.equal(imageEmbedder.calls, 1);
  assert.ok(result.items[0]!.sourceTurnIds.includes(ids.photo!));
  assert.equal(result.items[0]!.imageSha256s.length, 1);
});

test('rank fusion scales each hit by its place among the hits, and a hit the embedder finds unrelated counts nothing', async () => {
  const embedder = scriptedTextEmbedder({ 'tomato cello': [0.8, 0.6, 0] });
  const view = await new UserViews(store, BM25_DEFAULTS, 4).refresh('v');
  const query = { userId: 'v', query: 'tomato cello', at: AT, budgetTokens: 30 };
  const bySimilarity = await collectSignals({ store, embedder }, query, view.turns, view.memories, { limit: 10, weight: 0.5, fusion: 'similarity' });
  const byRank = await collectSignals({ store, embedder }, query, view.turns, view.memories, { limit: 10, weight: 0.5, fusion: 'rank' });
  const at = (signals: typeof byRank, key: string) => signals.turnAdditive.get(view.turns.indexOf(ids[key]!)!) ?? 0;
  // Similarities: cello 0.8, garden 0.6, photo 0.12 (ranks 0, 1, 2 of at most 10 hits).
  assert.ok(Math.abs(at(bySimilarity, 'cello') - 0.5 * 0.8) < 1e-6);
  assert.ok(Math.abs(at(byRank, 'cello') - 0.5 * 0.8) < 1e-6, 'the best hit keeps its whole similarity');
  assert.ok(Math.abs(at(byRank, 'garden') - 0.5 * 0.6 * 0.9) < 1e-6, 'the second loses a tenth');
  assert.ok(Math.abs(at(byRank, 'photo') - 0.5 * 0.12 * 0.8) < 1e-3);
  const unrelated = await collectSignals({ store, embedder: scriptedTextEmbedder({ 'tomato cello': [0, 0, -1] }) }, query, view.turns, view.memories, { limit: 10, weight: 0.5, fusion: 'rank' });
  assert.equal(at(unrelated, 'cello'), 0, 'cosine 0 or below adds nothing, whatever its rank');
});
