// The memory view derives each memory's lemmas once and stores them with the memory: the next build, in this
// process or the next, reads them instead of running the NLP model, and ranks exactly as a build that derived them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { MemoryStore } from '../store/memory-store.ts';
import { openTestStore } from '../test/test-store.ts';
import { BM25_DEFAULTS } from './bm25.ts';
import { lemmaSource, MemoryCorpus } from './memory-corpus.ts';
import { recallOnView } from './recall-view.ts';
import { RETRIEVER_DEFAULTS } from './retriever.ts';
import { contentLemmas } from './terms.ts';
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

test('a view build stores the lemmas it derived; the next process reads them, derives none and ranks the same', async () => {
  const first = await new UserViews(store, BM25_DEFAULTS, 4).refresh('ann');
  assert.equal(first.memories.derived.length, 4, 'nothing stored yet: every memory derived');
  const rows = await store.memories.listWithLemmas('ann', { types: ['semantic', 'episodic', 'procedural'] });
  assert.deepEqual(rows.map((row) => row.lemmas), rows.map((row) => contentLemmas(lemmaSource(row.memory))), 'stored as derived');
  assert.deepEqual((await store.memories.listWithLemmas('eve')).map((row) => row.lemmas), [null], "another user's memories are not touched");

  const second = await new UserViews(store, BM25_DEFAULTS, 4).refresh('ann');
  assert.equal(second.memories.derived.length, 0, 'a new process reads them');
  assert.deepEqual(recalls(second), recalls(first));
  assert.ok(recalls(second)[0]!.includes('Alps'), 'the memories are found by their words');

  // A correction clears the edited memory's lemmas: the next build derives that one only, from its new text.
  const dog = rows.find((row) => row.memory.content.startsWith('Shadow'))!.memory;
  await store.memories.edit('ann', dog.id, { content: 'Shadow the dog eats only duck now.' });
  const third = await new UserViews(store, BM25_DEFAULTS, 4).refresh('ann');
  assert.deepEqual(third.memories.derived.map((entry) => entry.id), [dog.id]);
  const fresh = new MemoryCorpus((await store.memories.list('ann', { types: ['semantic', 'episodic', 'procedural'] })));
  assert.deepEqual(recalls(third), recalls({ ...third, memories: fresh }), 'the same as a build that derived every one');
  assert.ok(recalls(third)[1]!.includes('duck'));
});
