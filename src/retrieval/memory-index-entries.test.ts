// The memory view derives each memory's index entry (terms, item tokens) once and stores it with the memory: the
// next build, in this process or the next, reads it instead of running the NLP model, the stemmer and the
// tokenizer, and ranks exactly as a build that derived it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { MemoryStore } from '../store/memory-store.ts';
import { openTestStore } from '../test/test-store.ts';
import { BM25_DEFAULTS } from './bm25.ts';
import { indexedText, indexEntryKey, MemoryCorpus } from './memory-corpus.ts';
import { recallOnView } from './recall-view.ts';
import { RETRIEVER_DEFAULTS } from './retriever.ts';
import { lexicalTerms } from './terms.ts';
import { countTokens } from './token-count.ts';
import { renderMemory } from '../prompts/recall-items.ts';
import { UserViews } from './user-view.ts';
import type { UserView } from './user-view.ts';

const AT = new Date('2024-03-10T12:00:00Z');
const QUERIES = ['Where did Ann go hiking?', 'What does the dog eat?', 'café in Lisbon', 'running shoes'];

let store: MemoryStore;

before(async () => {
  store = await openTestStore();
  await store.memories.add('ann', { type: 'semantic', content: 'Ann went hiking in the Alps with her brothers.', keywords: ['hiking', 'Alps'], validFrom: new Date('2024-02-01T10:00:00Z') });
  await store.memories.add('ann', { type: 'semantic', content: 'Shadow the dog eats only salmon-flavoured kibble.', keywords: ['dog', 'Shadow'], validFrom: new Date('2024-02-03T10:00:00Z') });
  await store.memories.add('ann', { type: 'episodic', content: 'Ann had a naïve café crème in Lisbon 🌱.', keywords: [], validFrom: new Date('2024-02-05T10:00:00Z') });
  await store.memories.add('ann', { type: 'procedural', key: 'running', content: 'Runs 5 km in new running shoes every morning.', validFrom: new Date('2024-02-07T10:00:00Z') });
  await store.memories.add('eve', { type: 'semantic', content: 'Eve went hiking too.', validFrom: new Date('2024-02-01T10:00:00Z') });
});

after(async () => store.close());

const recalls = (view: UserView): string[] => QUERIES.map((query) => JSON.stringify(recallOnView(view, { userId: 'ann', query, at: AT, budgetTokens: 200 }, RETRIEVER_DEFAULTS)));

test('a view build stores the entries it derived; the next process reads them, derives none and ranks the same', async () => {
  const first = await new UserViews(store, BM25_DEFAULTS, 4).refresh('ann');
  assert.equal(first.memories.derived.length, 4, 'nothing stored yet: every memory derived');
  const rows = await store.memories.listWithIndexEntries('ann', { types: ['semantic', 'episodic', 'procedural'] });
  assert.deepEqual(rows.map((row) => row.indexEntry), rows.map((row) => ({ key: indexEntryKey('UTC'), terms: lexicalTerms(indexedText(row.memory)), tokens: countTokens(renderMemory(row.memory)) })), 'stored as derived');
  assert.deepEqual((await store.memories.listWithIndexEntries('eve')).map((row) => row.indexEntry), [null], "another user's memories are not touched");

  const second = await new UserViews(store, BM25_DEFAULTS, 4).refresh('ann');
  assert.equal(second.memories.derived.length, 0, 'a new process reads them');
  assert.deepEqual(recalls(second), recalls(first));
  assert.ok(recalls(second)[0]!.includes('Alps'), 'the memories are found by their words');

  // A correction clears the edited memory's entry: the next build derives that one only, from its new text.
  const dog = rows.find((row) => row.memory.content.startsWith('Shadow'))!.memory;
  await store.memories.edit('ann', dog.id, { content: 'Shadow the dog eats only duck now.' });
  const third = await new UserViews(store, BM25_DEFAULTS, 4).refresh('ann');
  assert.deepEqual(third.memories.derived.map((entry) => entry.id), [dog.id]);
  const fresh = new MemoryCorpus((await store.memories.list('ann', { types: ['semantic', 'episodic', 'procedural'] })));
  assert.deepEqual(recalls(third), recalls({ ...third, memories: fresh }), 'the same as a build that derived every one');
  assert.ok(recalls(third)[1]!.includes('duck'));
});

test('a view on another time zone derives its own entries (the items name other days) and ranks as a fresh build', async () => {
  const lisbon = await new UserViews(store, BM25_DEFAULTS, 4, 'Pacific/Kiritimati').refresh('ann');
  assert.equal(lisbon.memories.derived.length, 4, 'the stored UTC entries are not its own');
  const memories = await store.memories.list('ann', { types: ['semantic', 'episodic', 'procedural'] });
  const tokens = new Map(lisbon.memories.memories.map((entry) => [entry!.memory.id, entry!.tokens]));
  assert.deepEqual(memories.map((memory) => tokens.get(memory.id)), memories.map((memory) => countTokens(renderMemory(memory, 'Pacific/Kiritimati'))));
  assert.equal((await new UserViews(store, BM25_DEFAULTS, 4, 'Pacific/Kiritimati').refresh('ann')).memories.derived.length, 0, 'and reads them after');
});

test('a stored entry of another key is derived again, never trusted', async () => {
  const [row] = await store.memories.listWithIndexEntries('ann', { types: ['semantic'] });
  const memory = row!.memory;
  await store.memories.setIndexEntries('ann', [{ id: memory.id, updatedAt: memory.updatedAt, entry: { key: 'v0 Pacific/Kiritimati', terms: ['nonsense'], tokens: 1 } }]);
  const view = await new UserViews(store, BM25_DEFAULTS, 4, 'Pacific/Kiritimati').refresh('ann');
  assert.deepEqual(view.memories.derived.map((entry) => entry.id), [memory.id]);
  const entry = view.memories.memories.find((item) => item?.memory.id === memory.id)!;
  assert.equal(entry.tokens, countTokens(renderMemory(memory, 'Pacific/Kiritimati')));
});
