// A saved recall view: the same view back from its bytes, loaded by the next process instead of the turns, for
// the user state it was saved under only, and deleted with the user.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { enrichText } from '../enrichment/index.ts';
import { EventBus, type PersonaEvent } from '../memory/events.ts';
import type { Turn } from '../memory/types.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import { openTestStore } from '../test/test-store.ts';
import { BM25_DEFAULTS } from './bm25.ts';
import { MemoryCorpus } from './memory-corpus.ts';
import { recallOnView } from './recall-view.ts';
import { RETRIEVER_DEFAULTS } from './retriever.ts';
import { TurnCorpus } from './turn-corpus.ts';
import { UserViews } from './user-view.ts';
import { decodeView, encodeView, snapshotKey } from './view-snapshot.ts';

const AT = new Date('2024-03-10T12:00:00Z');
const TEXTS = [
  'I adopted a puppy called Shadow last week.',
  'Shadow? Lovely name! What breed is he?',
  'A border collie. He chews everything — even my naïve café plants 🌱.',
  'We are flying to Lisbon on 2024-04-02 for the conference.',
  'Did you book the hotel near the river?',
  'Yes, the one with the rooftop pool.',
];

function turnsOf(userId: string, count: number): Turn[] {
  return Array.from({ length: count }, (_, index) => {
    const at = new Date(AT.getTime() - (count - index) * 60_000);
    const text = `${TEXTS[index % TEXTS.length]!} (${index})`;
    return {
      userId, id: `t-${userId}-${index}`, sessionId: `s-${Math.floor(index / 4)}`, seq: index + 1, role: index % 2 === 0 ? 'user' : 'assistant',
      speaker: index % 2 === 0 ? 'Ann' : 'Bob', text, at, images: index === 2 ? ['a'.repeat(64)] : [], externalId: null, metadata: {}, enrichment: enrichText(text, at),
    } satisfies Turn;
  });
}

const QUERIES = ['What breed is Shadow?', 'When is the Lisbon conference?', 'café plants', 'hotel rooftop', 'zzzz'];

function recalls(corpus: TurnCorpus): string[] {
  const view = { turns: corpus, memories: new MemoryCorpus([]) };
  return QUERIES.map((query) => JSON.stringify(recallOnView(view, { userId: 'ann', query, at: AT, budgetTokens: 120 }, RETRIEVER_DEFAULTS)));
}

test('a view decoded from its bytes ranks and packs exactly as the one it was saved from, and takes new turns after', () => {
  const turns = turnsOf('ann', 40);
  const built = new TurnCorpus();
  for (const turn of turns.slice(0, 30)) built.add(turn);
  const bytes = encodeView(built, 'key-1');
  assert.equal(snapshotKey(bytes), 'key-1');
  const loaded = decodeView(bytes, BM25_DEFAULTS);
  assert.equal(loaded.size, 30);
  assert.equal(loaded.lastSeq, 30);
  assert.deepEqual(recalls(loaded), recalls(built));
  assert.deepEqual(loaded.imagesOf(2), ['a'.repeat(64)]);
  assert.deepEqual(loaded.datesOf(3), built.datesOf(3));
  // New turns, a session already in the view among them, and a re-read turn: as if it had never been saved.
  for (const turn of turns.slice(30)) {
    built.add(turn);
    loaded.add(turn);
  }
  const reread = { ...turns[5]!, text: 'The hotel had a rooftop garden, not a pool.', enrichment: enrichText('The hotel had a rooftop garden, not a pool.', turns[5]!.at) };
  built.replace(reread);
  loaded.replace(reread);
  assert.deepEqual(recalls(loaded), recalls(built));
  assert.deepEqual(loaded.sessions, built.sessions);
  // Saved again with its new and re-read lines, and read from bytes at an odd offset (copied, not viewed).
  const again = encodeView(loaded, 'key-2');
  const odd = new Uint8Array(again.byteLength + 3);
  odd.set(again, 3);
  const reloaded = decodeView(odd.subarray(3), BM25_DEFAULTS);
  assert.deepEqual(recalls(reloaded), recalls(built));
  assert.deepEqual(Array.from({ length: built.size }, (_, index) => reloaded.lineOf(index)), Array.from({ length: built.size }, (_, index) => built.lineOf(index)));
});

test('bytes that are not a whole snapshot are refused, not read as an empty view', () => {
  const bytes = encodeView(new TurnCorpus(), 'k');
  assert.equal(decodeView(bytes, BM25_DEFAULTS).size, 0);
  const full = encodeView((() => {
    const corpus = new TurnCorpus();
    for (const turn of turnsOf('ann', 8)) corpus.add(turn);
    return corpus;
  })(), 'k');
  assert.throws(() => decodeView(full.subarray(0, full.byteLength - 64), BM25_DEFAULTS), RangeError);
  assert.throws(() => decodeView(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), BM25_DEFAULTS), RangeError);
  assert.equal(snapshotKey(new Uint8Array(4)), null);
});

let store: MemoryStore;

before(async () => {
  store = await openTestStore();
  for (const userId of ['ann', 'eve']) {
    const session = await store.sessions.create(userId, new Date(AT.getTime() - 3_600_000));
    await store.turns.appendMany(userId, turnsOf(userId, 12).map((turn) => ({ sessionId: session.id, role: turn.role, speaker: turn.speaker, text: turn.text, at: turn.at, enrichment: turn.enrichment })));
  }
});

after(async () => store.close());

/** A store whose turn reads are counted (what a cold view reads). */
function counting(inner: MemoryStore): { store: MemoryStore; turnsRead: () => number } {
  let read = 0;
  const turns = new Proxy(inner.turns, {
    get(target, name) {
      const value = Reflect.get(target, name);
      if (name !== 'list' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: Parameters<MemoryStore['turns']['list']>) => {
        const page = await (value as MemoryStore['turns']['list']).apply(target, args);
        read += page.length;
        return page;
      };
    },
  });
  return { store: new Proxy(inner, { get: (target, name) => (name === 'turns' ? turns : Reflect.get(target, name)) }), turnsRead: () => read };
}

test('the next process loads the saved view instead of reading the turns; new turns still come in; another user never sees it', async () => {
  const first = await new UserViews(store, BM25_DEFAULTS, 4, 'UTC', { after: 5 }).refresh('ann');
  assert.equal(first.turns.size, 12);
  assert.ok(await store.recallViews.load('ann'), 'saved once 5 or more turns were indexed');
  assert.equal(await store.recallViews.load('eve'), null, 'nothing saved for a user whose view was never built');
  const session = (await store.sessions.list('ann'))[0]!;
  await store.turns.appendMany('ann', [{ sessionId: session.id, role: 'user', speaker: 'Ann', text: 'Shadow learnt to fetch the ball today.', at: AT }]);

  const cold = counting(store);
  const second = await new UserViews(cold.store, BM25_DEFAULTS, 4, 'UTC', { after: 5 }).refresh('ann');
  assert.equal(cold.turnsRead(), 1, 'only the turn stored after the save is read');
  assert.equal(second.turns.size, 13);
  const rebuilt = new TurnCorpus();
  for (const turn of await store.turns.list('ann', { order: 'asc' })) rebuilt.add(turn);
  assert.deepEqual(recalls(second.turns), recalls(rebuilt));

  const other = counting(store);
  const eve = await new UserViews(other.store, BM25_DEFAULTS, 4, 'UTC', { after: 5 }).refresh('eve');
  assert.equal(other.turnsRead(), 12, "eve's view comes from eve's turns");
  assert.ok(eve.turns.size === 12 && [...Array(12).keys()].every((index) => eve.turns.ref(index).id !== first.turns.ref(0).id));
});

test('a view saved under other options, or one that does not decode, is rebuilt from the turns; deleting the user deletes the saved view and its blob', async () => {
  await new UserViews(store, BM25_DEFAULTS, 4, 'UTC', { after: 5 }).refresh('ann');
  const saved = (await store.recallViews.load('ann'))!;
  await store.recallViews.save('ann', { key: saved.key.replace('"k1":1.2', '"k1":2'), data: saved.data });
  const stale = counting(store);
  await new UserViews(stale.store, BM25_DEFAULTS, 4, 'UTC', { after: 5 }).refresh('ann');
  assert.equal(stale.turnsRead(), 13, 'a view saved under other options is rebuilt from the turns');

  // Bytes that do not decode: rebuilt from the turns, and said.
  await store.recallViews.save('ann', { key: saved.key, data: saved.data.subarray(0, saved.data.byteLength - 64) });
  const warnings: PersonaEvent[] = [];
  const events = new EventBus();
  events.on((event) => warnings.push(event));
  const broken = counting(store);
  const rebuilt = await new UserViews(broken.store, BM25_DEFAULTS, 4, 'UTC', { after: 5, events }).refresh('ann');
  assert.equal(broken.turnsRead(), 13);
  assert.equal(rebuilt.turns.size, 13);
  assert.deepEqual(warnings.map((event) => event.type === 'warning' && event.code), ['recall_view_unreadable']);

  const report = await store.users.delete('ann');
  assert.deepEqual(report.leftovers, [], 'no row and no blob left (the saved view included)');
  assert.equal(report.rowsDeleted.recall_views, 1);
  assert.equal(await store.recallViews.load('ann'), null);
});
