// The retriever's memory search (the MemorySearch port the update phase uses): recall's BM25 over the user's live
// memories, scoped to the user, current after any write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore } from '../test/test-store.ts';
import { createRetriever } from './retriever.ts';

test('memory search: stemmed words, the memory with both first, keywords, types, only active, a limit, and only the user\'s own', async () => {
  const store = await openTestStore();
  try {
    const retriever = createRetriever({ store });
    await store.users.ensure('ann');
    const both = await store.memories.add('ann', { type: 'semantic', key: null, content: 'Ann walks her dogs in the park every morning', keywords: ['exercise'] });
    const one = await store.memories.add('ann', { type: 'semantic', key: null, content: 'Ann bought a new dog bed' });
    await store.memories.add('ann', { type: 'semantic', key: null, content: 'Ann plays chess' });
    const episode = await store.memories.add('ann', { type: 'episodic', key: null, content: 'A talk about the park near the river' });
    await store.memories.add('bob', { type: 'semantic', key: null, content: 'Bob walks his dog in the park' });
    const ids = async (text: string, types: ('semantic' | 'episodic')[] = ['semantic', 'episodic'], limit = 10) =>
      (await retriever.related('ann', { text, types, limit })).map((memory) => memory.id);

    assert.equal((await ids('dog park'))[0], both.id, 'the memory with both words ranks first');
    assert.deepEqual(new Set(await ids('dogs parks')), new Set([both.id, one.id, episode.id]), 'words are stemmed; a single shared word still matches');
    assert.deepEqual(await ids('exercise'), [both.id], 'keywords are searchable');
    assert.deepEqual(await ids('park', ['episodic']), [episode.id], 'types filter');
    assert.deepEqual((await ids('dog', ['semantic'], 1)).length, 1, 'at most the limit');
    assert.ok((await retriever.related('ann', { text: 'dog park Bob', types: ['semantic'], limit: 10 })).every((memory) => memory.userId === 'ann'), 'never another user\'s memory');
    assert.deepEqual(await retriever.related('carol', { text: 'dog park', types: ['semantic'], limit: 10 }), [], 'a user with no memories finds none');

    // Written after the view was built: superseded and new versions are seen on the next search.
    const bed = await store.memories.supersede('ann', one.id, { type: 'semantic', key: null, content: 'Ann returned the dog bed' }, null);
    const found = await ids('dog bed');
    assert.ok(!found.includes(one.id), 'a superseded memory is not found');
    assert.equal(found[0], bed.id);
  } finally {
    await store.close();
  }
});

test('memory search never interprets query syntax: operators, quotes and SQL are just words', async () => {
  const store = await openTestStore();
  try {
    const retriever = createRetriever({ store });
    const memory = await store.memories.add('ann', { type: 'semantic', key: null, content: 'the table is drop-leaf oak' });
    for (const text of ["'); drop table memories; --", 'oak & | ! <-> :* "', '!!!', '', 'the of and or']) {
      assert.ok(Array.isArray(await retriever.related('ann', { text, types: ['semantic'], limit: 5 })));
    }
    assert.deepEqual((await retriever.related('ann', { text: "'); drop table memories; --", types: ['semantic'], limit: 5 })).map((m) => m.id), [memory.id]);
    assert.equal((await store.memories.list('ann')).length, 1);
    await assert.rejects(retriever.related('', { text: 'oak', types: ['semantic'], limit: 5 }), /user id/);
  } finally {
    await store.close();
  }
});
