// The update phase ranks the user's memories with recall's BM25 (deps.memorySearch, the retriever): what the
// per-turn prompt shows as "Known memories" and what a new fact is weighed against.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore } from '../test/test-store.ts';
import { recordTurn } from './record-turn.ts';
import { createUpdateWorker } from './worker.ts';
import { createFakeChat } from './test-support/fake-chat.ts';
import { testDeps } from './test-support/deps.ts';

const neutral = { openness: 3, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 };
const reply = (memories: object[] = []) => JSON.stringify({ personality: neutral, memories });
const at = (minutes: number) => new Date(Date.UTC(2026, 8, 1, 9) + minutes * 60_000);
const known = (prompt: string) => /Known memories about the user:\n([\s\S]*?)\n\n/.exec(prompt)?.[1] ?? '';

test('known memories: a rare shared word outranks a common one, only the user\'s own, and a memory written by another process is seen', async (t) => {
  const store = await openTestStore();
  try {
    const chat = createFakeChat({ 'remember.turn': [reply(), reply()] });
    const { deps } = await testDeps(t, { chat, store, config: { relatedMemories: 2 } });
    await store.users.ensure('u');
    // "really" is in every memory but one, so it says little; "Sweden" is in one (BM25's inverse document frequency).
    for (const thing of ['tea', 'jazz', 'cats', 'running', 'sushi']) await store.memories.add('u', { type: 'semantic', key: null, content: `User really likes ${thing}.` });
    await store.memories.add('u', { type: 'semantic', key: 'origin', content: "User's childhood home is in Sweden." });
    await store.memories.add('other', { type: 'semantic', key: 'origin', content: 'Other person misses Sweden, really.' });
    await recordTurn(deps, { userId: 'u', role: 'user', text: 'I really miss Sweden.', at: at(0) });
    await createUpdateWorker(deps).drain('u');
    const first = known(chat.callsFor('remember.turn')[0]!.messages[1]!.content);
    assert.equal(first.split('\n')[0], "- [origin] User's childhood home is in Sweden.", first);
    assert.equal(first.split('\n').length, 2, 'at most relatedMemories');
    assert.doesNotMatch(first, /Other person/, 'another user\'s memory never shows');

    // Written past the view this process keeps (as another process would): the memory stamp makes the next job read it.
    await store.memories.add('u', { type: 'semantic', key: 'winter', content: 'User misses the Swedish winter in Sweden.' });
    await recordTurn(deps, { userId: 'u', role: 'user', text: 'Sweden in winter is the best.', at: at(1) });
    await createUpdateWorker(deps).drain('u');
    assert.match(known(chat.callsFor('remember.turn')[1]!.messages[1]!.content), /User misses the Swedish winter in Sweden\./);
  } finally {
    await store.close();
  }
});

test('a fact restated later in the same reply is weighed against the one this job just wrote: one memory, not two', async (t) => {
  const store = await openTestStore();
  try {
    const rex = { reason: 'pet', decision: 'store', category: 'fact', key: null, content: 'User has a dog named Rex.', keywords: ['dog', 'Rex'] };
    const chat = createFakeChat({ 'remember.turn': [reply([rex, { ...rex, content: 'User has a dog named Rex!', keywords: ['Rex'] }])] });
    const { deps, events } = await testDeps(t, { chat, store });
    await recordTurn(deps, { userId: 'u', role: 'user', text: 'My dog Rex is the best.', at: at(0) });
    await createUpdateWorker(deps).drain('u');
    assert.deepEqual((await store.memories.list('u', { types: ['semantic'] })).map((m) => m.content), ['User has a dog named Rex.']);
    assert.deepEqual(events.filter((e) => e.type === 'memory_added' || e.type === 'memory_unchanged').map((e) => e.type), ['memory_added', 'memory_unchanged']);
  } finally {
    await store.close();
  }
});

test('a new value of a known fact supersedes the memory the ranking found, found before the job\'s transaction', async (t) => {
  const store = await openTestStore();
  try {
    await store.users.ensure('u');
    const old = await store.memories.add('u', { type: 'semantic', key: null, content: 'User dislikes coffee.' });
    const chat = createFakeChat({ 'remember.turn': [reply([{ reason: 'taste', decision: 'store', category: 'preference', key: null, content: 'User likes coffee.', keywords: ['coffee'] }])] });
    const { deps } = await testDeps(t, { chat, store });
    await recordTurn(deps, { userId: 'u', role: 'user', text: 'I have come to like coffee.', at: at(0) });
    await createUpdateWorker(deps).drain('u');
    const live = await store.memories.list('u', { types: ['semantic'] });
    assert.deepEqual(live.map((m) => m.content), ['User likes coffee.']);
    assert.equal((await store.memories.get('u', old.id))?.status, 'superseded');
  } finally {
    await store.close();
  }
});

test('known memories: what was remembered from the recent conversation shows though the turn shares no word with it, after the turn\'s own matches', async (t) => {
  const store = await openTestStore();
  try {
    const chat = createFakeChat({ 'remember.turn': [reply(), reply(), reply()] });
    const { deps } = await testDeps(t, { chat, store, config: { relatedMemories: 3 } });
    await store.users.ensure('u');
    await store.memories.add('u', { type: 'semantic', key: 'brother_visit', content: 'User\'s brother Tiago visits on Saturday 19 September 2026.' });
    await store.memories.add('u', { type: 'semantic', key: 'concerts', content: 'User loves jazz concerts.' });
    await store.memories.add('u', { type: 'semantic', key: 'pet', content: 'User has a cat named Mochi.' });
    await store.memories.add('other', { type: 'semantic', key: 'brother', content: 'Other person\'s brother Tiago is a chef.' });
    await recordTurn(deps, { userId: 'u', role: 'user', text: 'My brother Tiago is visiting this Saturday.', at: at(0) });
    await recordTurn(deps, { userId: 'u', role: 'user', text: 'Risotto it is. I went to a jazz concert too.', at: at(1) });
    await createUpdateWorker(deps).drain('u');
    const second = known(chat.callsFor('remember.turn')[1]!.messages[1]!.content).split('\n');
    assert.deepEqual(second, ['- [concerts] User loves jazz concerts.', "- [brother_visit] User's brother Tiago visits on Saturday 19 September 2026."]);

    // A turn whose own matches fill every slot shows only those.
    await store.memories.add('u', { type: 'semantic', key: 'jazz_club', content: 'User plays jazz piano at a club.' });
    await store.memories.add('u', { type: 'semantic', key: 'jazz_records', content: 'User collects jazz records.' });
    await recordTurn(deps, { userId: 'u', role: 'user', text: 'Jazz, jazz, jazz: concerts, records, piano at the club.', at: at(2) });
    await createUpdateWorker(deps).drain('u');
    const third = known(chat.callsFor('remember.turn')[2]!.messages[1]!.content);
    assert.equal(third.split('\n').length, 3);
    assert.doesNotMatch(third, /Tiago|Mochi/);
  } finally {
    await store.close();
  }
});
