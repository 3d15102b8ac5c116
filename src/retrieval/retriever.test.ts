// The engine against a real store (in-memory PGlite), fed through the real ingest path with no model.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { enrichText } from '../enrichment/index.ts';
import { EventBus, type PersonaEvent } from '../memory/events.ts';
import type { History } from '../memory/history.ts';
import { ingestHistory, rememberConfig } from '../remember/index.ts';
import { openTestStore } from '../test/test-store.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import { createRetriever } from './retriever.ts';
import { countTokens } from './token-count.ts';

const history: History = {
  source: 'test:retrieval',
  sessions: [
    {
      key: 'session_1',
      turns: [
        { role: 'user', speaker: 'Ann', text: 'I went to a support group yesterday and it was powerful.', at: new Date('2023-05-08T13:56:00Z') },
        { role: 'assistant', speaker: 'Bob', text: 'So glad! What are you painting these days?', at: new Date('2023-05-08T13:56:10Z') },
        { role: 'user', speaker: 'Ann', text: 'A sunrise over the lake.', at: new Date('2023-05-08T13:56:20Z'), images: [{ caption: 'a photo of a painting of a sunrise' }] },
      ],
    },
    {
      key: 'session_2',
      turns: [
        { role: 'assistant', speaker: 'Bob', text: 'My kids went camping in the mountains last weekend.', at: new Date('2023-06-12T09:00:00Z') },
        { role: 'user', speaker: 'Ann', text: 'I adopted a puppy called Shadow.', at: new Date('2023-06-12T09:00:10Z') },
      ],
    },
  ],
};

const AT = new Date('2023-06-13T10:00:00Z');
let store: MemoryStore;

before(async () => {
  store = await openTestStore();
  await ingestHistory({ store, memorySearch: createRetriever({ store }), chat: null, events: new EventBus(), enrich: enrichText, config: rememberConfig() }, 'ann', history);
});

after(async () => store.close());

test('a question finds its turn, rendered verbatim under a header with weekday, within budget', async () => {
  const events: PersonaEvent[] = [];
  const bus = new EventBus();
  bus.on((event) => events.push(event));
  const retriever = createRetriever({ store, events: bus });
  const query = { userId: 'ann', query: 'What did Ann paint?', at: AT, budgetTokens: 200 };
  const result = await retriever.recall(query);
  const first = result.items[0]!;
  assert.equal(first.source, 'dialogue');
  assert.match(first.text, /^\[2023-05-08 13:56 \(Monday\)\]/);
  assert.ok(first.text.includes('Ann: A sunrise over the lake. [photo: a photo of a painting of a sunrise]'));
  assert.equal(first.tokens, countTokens(first.text));
  assert.ok(result.totalTokens <= 200);
  const turns = await store.turns.list('ann');
  assert.ok(first.sourceTurnIds.includes(turns[2]!.id));
  const firstTurn = turns.find((turn) => turn.id === first.sourceTurnIds[0])!;
  assert.equal(first.at?.getTime(), firstTurn.at.getTime(), 'an item is dated by its first turn');
  assert.equal(result.ranked, undefined, 'beyond-budget items cost a second packing: only on request');
  const traced = await retriever.recall({ ...query, traceRanked: true });
  assert.ok(traced.ranked!.length >= traced.items.length);
  assert.deepEqual(traced.items, result.items);
  assert.deepEqual(events.map((event) => event.type), ['recall', 'recall']);
});

test('time ranges filter: only turns said in the range or naming a date in it', async () => {
  const retriever = createRetriever({ store });
  const june = { from: new Date('2023-06-01T00:00:00Z'), to: new Date('2023-07-01T00:00:00Z') };
  const result = await retriever.recall({ userId: 'ann', query: 'support group painting camping puppy', at: AT, budgetTokens: 500, timeRange: june });
  const text = result.items.map((item) => item.text).join('\n');
  assert.ok(text.includes('puppy') && text.includes('camping'));
  assert.ok(!text.includes('support group') && !text.includes('sunrise'));
  const may7 = { from: new Date('2023-05-07T00:00:00Z'), to: new Date('2023-05-08T00:00:00Z') };
  const named = await retriever.recall({ userId: 'ann', query: 'group', at: AT, budgetTokens: 500, timeRange: may7 });
  assert.deepEqual(named.items.flatMap((item) => item.text.split('\n').slice(1)), ['Ann: I went to a support group yesterday and it was powerful.'], '"yesterday" on 8 May names 7 May');
});

test('an explicit period brings back its turns even when they share no word with the query, matches first', async () => {
  const june: History = {
    source: 'test:period',
    sessions: [
      { key: 's1', turns: [{ role: 'user', speaker: 'Cal', text: 'My kids went camping by the river.', at: new Date('2023-06-03T09:00:00Z') }] },
      { key: 's2', turns: [{ role: 'user', speaker: 'Cal', text: 'I baked sourdough bread for the first time.', at: new Date('2023-06-10T18:00:00Z') }] },
      { key: 's3', turns: [{ role: 'user', speaker: 'Cal', text: 'Started a pottery class downtown.', at: new Date('2023-07-20T18:00:00Z') }] },
    ],
  };
  await ingestHistory({ store, memorySearch: createRetriever({ store }), chat: null, events: new EventBus(), enrich: enrichText, config: rememberConfig() }, 'cal', june);
  const retriever = createRetriever({ store });
  const range = { from: new Date('2023-06-01T00:00:00Z'), to: new Date('2023-07-01T00:00:00Z') };
  const browse = await retriever.recall({ userId: 'cal', query: 'how are the kids?', at: AT, budgetTokens: 500, timeRange: range });
  const lines = browse.items.flatMap((item) => item.text.split('\n').slice(1));
  assert.deepEqual(lines, ['Cal: My kids went camping by the river.', 'Cal: I baked sourdough bread for the first time.'], 'the match, then the rest of June; July stays out');
  const without = await retriever.recall({ userId: 'cal', query: 'how are the kids?', at: AT, budgetTokens: 500 });
  assert.deepEqual(without.items.flatMap((item) => item.text.split('\n').slice(1)), ['Cal: My kids went camping by the river.'], 'without a period, unmatched turns do not pad the budget');
});

test('a deleted user leaves nothing in the cached view, and a new user of the same id starts fresh', async () => {
  const history = (text: string, at: string): History => ({ source: 'test:delete', sessions: [{ key: 's1', turns: [{ role: 'user', speaker: 'Dee', text, at: new Date(at) }] }] });
  const deps = { store, memorySearch: createRetriever({ store }), chat: null, events: new EventBus(), enrich: enrichText, config: rememberConfig() };
  await ingestHistory(deps, 'dee', history('My bank PIN hint is the blue heron.', '2023-06-01T09:00:00Z'));
  const retriever = createRetriever({ store });
  assert.match((await retriever.recall({ userId: 'dee', query: 'blue heron', at: AT, budgetTokens: 500 })).items[0]?.text ?? '', /heron/);
  await store.users.delete('dee');
  assert.deepEqual((await retriever.recall({ userId: 'dee', query: 'blue heron', at: AT, budgetTokens: 500 })).items, []);
  await ingestHistory(deps, 'dee', history('I planted tomatoes.', '2023-06-02T09:00:00Z'));
  const fresh = await retriever.recall({ userId: 'dee', query: 'blue heron tomatoes', at: AT, budgetTokens: 500 });
  assert.ok(fresh.items.some((item) => item.text.includes('tomatoes')), 'the new user\'s turn is found');
  assert.ok(!fresh.items.some((item) => item.text.includes('heron')), 'nothing of the deleted user comes back');
});

test('delete, then import of an OLDER export (same creation time, same seqs): no turn of the deleted user comes back', async () => {
  const history = (text: string, at: string): History => ({ source: `test:reimport:${text}`, sessions: [{ key: text, turns: [{ role: 'user', speaker: 'Eve', text, at: new Date(at) }] }] });
  const deps = { store, memorySearch: createRetriever({ store }), chat: null, events: new EventBus(), enrich: enrichText, config: rememberConfig() };
  await ingestHistory(deps, 'eve', history('I keep bees on the roof.', '2023-06-01T09:00:00Z'));
  const archive = await mkdtemp(join(tmpdir(), 'personavlm-reimport-'));
  try {
    await store.exportUser('eve', archive);
    await ingestHistory(deps, 'eve', history('My locker code is the red kestrel.', '2023-06-02T09:00:00Z'));
    const retriever = createRetriever({ store });
    assert.match((await retriever.recall({ userId: 'eve', query: 'red kestrel', at: AT, budgetTokens: 500 })).items[0]?.text ?? '', /kestrel/, 'cached with the later turn');
    await store.users.delete('eve');
    await store.importUser(archive);
    const after = await retriever.recall({ userId: 'eve', query: 'red kestrel bees', at: AT, budgetTokens: 500 });
    assert.ok(after.items.some((item) => item.text.includes('bees')), 'the imported turn is there');
    assert.ok(!after.items.some((item) => item.text.includes('kestrel')), 'the deleted later turn is not served from the cache');
  } finally {
    await rm(archive, { recursive: true, force: true });
  }
});

test('excluded turns stay out; new turns are seen on the next recall; no match falls back to the newest', async () => {
  const retriever = createRetriever({ store });
  const turns = await store.turns.list('ann');
  const excluded = await retriever.recall({ userId: 'ann', query: 'puppy Shadow', at: AT, budgetTokens: 500, excludeTurnIds: [turns[4]!.id] });
  assert.ok(!excluded.items.some((item) => item.text.includes('Shadow')));
  const session = await store.sessions.create('ann', new Date('2023-06-13T09:00:00Z'));
  await store.turns.append('ann', { sessionId: session.id, role: 'user', speaker: 'Ann', text: 'Shadow learned to fetch a frisbee.', at: new Date('2023-06-13T09:00:00Z') });
  const fresh = await retriever.recall({ userId: 'ann', query: 'frisbee', at: AT, budgetTokens: 500 });
  assert.ok(fresh.items[0]!.text.includes('Shadow learned to fetch a frisbee.'));
  const nothing = await retriever.recall({ userId: 'ann', query: 'xylophone quantum', at: AT, budgetTokens: 60 });
  assert.ok(nothing.items[0]!.text.includes('frisbee'), 'the newest turn comes first when nothing matches');
});

test('memories come back as items whose text is their content; types filter sources', async () => {
  await store.memories.add('ann', { type: 'semantic', content: 'Ann is learning the cello.', keywords: ['cello', 'music'], sourceTurnIds: [] });
  const retriever = createRetriever({ store });
  const both = await retriever.recall({ userId: 'ann', query: 'Does Ann play music?', at: AT, budgetTokens: 500 });
  const memory = both.items.find((item) => item.source === 'semantic');
  assert.ok(memory?.text.includes('Ann is learning the cello.'));
  const only = await retriever.recall({ userId: 'ann', query: 'cello', at: AT, budgetTokens: 500, types: ['semantic'] });
  assert.deepEqual(only.items.map((item) => item.source), ['semantic']);
  const dialogue = await retriever.recall({ userId: 'ann', query: 'cello', at: AT, budgetTokens: 500, types: ['dialogue'] });
  assert.ok(dialogue.items.every((item) => item.source === 'dialogue'));
  const images = await retriever.recall({ userId: 'ann', query: 'sunrise lake support group', at: AT, budgetTokens: 500, types: ['image'] });
  assert.deepEqual(images.items.map((item) => item.text.split('\n').slice(1)), [['Ann: A sunrise over the lake. [photo: a photo of a painting of a sunrise]']], 'only turns with images');
});

test('an episodic memory that matches lends its score to the turns it came from', async () => {
  const turns = await store.turns.list('ann');
  const puppy = turns.find((turn) => turn.text.includes('Shadow'))!;
  await store.memories.add('ann', { type: 'episodic', content: 'Ann welcomed a new pet into her home.', keywords: ['pet'], sourceTurnIds: [puppy.id] });
  const retriever = createRetriever({ store });
  const lent = await retriever.recall({ userId: 'ann', query: 'new pet', at: AT, budgetTokens: 500, types: ['dialogue', 'episodic'] });
  const dialogue = lent.items.filter((item) => item.source === 'dialogue');
  assert.ok(dialogue[0]?.text.includes('I adopted a puppy called Shadow.'), 'the source turn shares no word with "new pet"');
  const alone = await createRetriever({ store, options: { memoryToTurnShare: 0 } }).recall({ userId: 'ann', query: 'new pet', at: AT, budgetTokens: 500, types: ['dialogue', 'episodic'] });
  const firstDialogue = alone.items.find((item) => item.source === 'dialogue');
  assert.ok(!firstDialogue?.text.includes('I adopted a puppy called Shadow.'), 'without the loan nothing points at that turn');
});

test('invalid queries say what to fix; the same query gives the same answer', async () => {
  const retriever = createRetriever({ store });
  await assert.rejects(retriever.recall({ userId: 'ann', query: 'x', at: AT, budgetTokens: 0 }), /budgetTokens must be a positive integer/);
  await assert.rejects(retriever.recall({ userId: '', query: 'x', at: AT, budgetTokens: 10 }), /user id/);
  const query = { userId: 'ann', query: 'camping sunrise', at: AT, budgetTokens: 300 };
  assert.deepEqual((await retriever.recall(query)).items, (await createRetriever({ store }).recall(query)).items);
});

test('words a turn gets after it was indexed (its photo\'s OCR landing later) are found by the next recall', async () => {
  const retriever = createRetriever({ store });
  const session = await store.sessions.create('late', new Date('2023-06-01T09:00:00Z'));
  const turn = await store.turns.append('late', { sessionId: session.id, role: 'user', speaker: 'Ann', text: 'Look at this receipt', at: new Date('2023-06-01T09:00:00Z') });
  await store.turns.append('late', { sessionId: session.id, role: 'assistant', speaker: 'Bot', text: 'Nice!', at: new Date('2023-06-01T09:01:00Z') });
  const query = { userId: 'late', query: 'Which cafe was the receipt from? Blue Fern?', at: AT, budgetTokens: 200, types: ['dialogue' as const] };
  const before = await retriever.recall(query);
  assert.ok(!before.items.some((item) => item.text.includes('FERN')), 'the view is built before the OCR lands');
  // The analysis lands (another process could write it): the enrichment is rewritten after the turn's transaction.
  await store.turns.setEnrichment('late', turn.id, { keywords: ['receipt'], lemmas: ['look', 'receipt'], entities: [], dates: [], imageText: 'BLUE FERN CAFE total 7.70', photos: [{ caption: null, text: 'BLUE FERN CAFE total 7.70', objects: [], people: [] }] });
  const after = await retriever.recall(query);
  assert.match(after.items[0]?.text ?? '', /BLUE FERN CAFE/, 'the changed turn was read again: its line and its words');
  assert.equal((await store.users.get('late'))?.turnStamp, 1);
});
