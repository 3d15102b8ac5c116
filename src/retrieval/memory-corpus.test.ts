// A memory view kept up to date change by change (MemoryCorpus.apply over MemoryRepository.changes) must rank
// exactly as a view built from scratch: the same items, scores, ties, stale turns and outdated marks after every
// kind of write (add, correction, supersession, annotation, retirement, forget), in a seeded random history with
// deliberate ties (memories with the same words said at the same time). So must a new process's view, started
// from the memory view an earlier one saved (retrieval/memory-snapshot.ts) and brought up to date from there.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Memory, MemoryType, NewMemory, Turn } from '../memory/types.ts';
import type { MemoryChanges, MemoryStore } from '../store/memory-store.ts';
import { PostgresStore } from '../store/postgres-store.ts';
import { sessionWithTurns } from '../test/store-conformance-fixtures.ts';
import { openTestStore } from '../test/test-store.ts';
import { BM25_DEFAULTS } from './bm25.ts';
import { MemoryCorpus } from './memory-corpus.ts';
import { decodeMemorySnapshot, encodeMemorySnapshot } from './memory-snapshot.ts';
import { searchMemoryCorpus } from './memory-search.ts';
import { recallOnView } from './recall-view.ts';
import { RETRIEVER_DEFAULTS } from './retriever.ts';
import { UserViews, type UserView } from './user-view.ts';

const USER = 'kim';
const AT = new Date('2024-06-01T12:00:00Z');
const WORDS = ['tea', 'coffee', 'hiking', 'Alps', 'dog', 'salmon', 'Lisbon', 'café', 'running', 'shoes', 'piano', 'sister', 'Porto', 'garden', 'tomatoes'];
const QUERIES = ['tea or coffee?', 'hiking in the Alps', 'what does the dog eat', 'running shoes', 'my sister in Porto', 'garden tomatoes piano'];
const TYPES: MemoryType[] = ['semantic', 'episodic', 'procedural'];

/** mulberry32: a small seeded generator, so a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let store: MemoryStore;
let turns: Turn[];

const historyTurns = async (writer: MemoryStore): Promise<Turn[]> =>
  (await sessionWithTurns(writer, USER, WORDS.map((word, index) => `I talked about ${word} and ${WORDS[(index + 3) % WORDS.length]} today`))).turns;

before(async () => {
  store = await openTestStore();
  turns = await historyTurns(store);
});

after(async () => store.close());

/** Everything recall reads from the memory view, by memory id (document numbers differ and must not matter). */
function signature(view: UserView): unknown {
  const corpus = view.memories;
  const id = (doc: number): string => corpus.memories[doc]!.memory.id;
  return {
    memories: [...corpus.indexById.keys()].sort().map((memoryId) => {
      const entry = corpus.memories[corpus.indexById.get(memoryId)!]!;
      return [memoryId, entry.text, entry.tokens, entry.memory.updatedAt.toISOString()];
    }),
    stale: [...corpus.staleTurns].sort(([a], [b]) => (a < b ? -1 : 1)),
    outdated: [...corpus.outdated].map(([doc, currents]) => [id(doc), currents.map(id)]),
    order: corpus.inOrder().map(id),
    recalls: QUERIES.map((query) => recallOnView(view, { userId: USER, query, at: AT, budgetTokens: 400 }, RETRIEVER_DEFAULTS)),
    searches: QUERIES.map((text) => searchMemoryCorpus(corpus, { text, types: TYPES, limit: 5 }).map((memory) => memory.id)),
  };
}

/** The store, with its full memory reads (listWithIndexEntries: what a view built from scratch reads) counted. */
function countingFullReads(inner: MemoryStore): { store: MemoryStore; reads: () => number } {
  let reads = 0;
  const memories = new Proxy(inner.memories, {
    get(target, property, receiver) {
      if (property === 'listWithIndexEntries') reads += 1;
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const store = new Proxy(inner, {
    get(target, property) {
      if (property === 'memories') return memories;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store, reads: () => reads };
}

/**
 * A seeded random history written through `writer`; after each step the view kept by one UserViews over `reader`
 * is compared with a fresh build. writer and reader are one store, or two (two processes on one PostgreSQL).
 */
async function keptMatchesFresh(writer: MemoryStore, reader: MemoryStore, turns: readonly Turn[]): Promise<void> {
  const next = random(20261203);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const text = (): string => Array.from({ length: 2 + Math.floor(next() * 4) }, () => pick(WORDS)).join(' ');
  // Few distinct days and repeated texts: many memories tie on time and on score.
  const when = (): Date => new Date(Date.UTC(2024, 4, 1 + Math.floor(next() * 4), 12));
  const newMemory = (): NewMemory => {
    const type = pick(TYPES);
    const content = next() < 0.3 ? 'Kim likes tea and the Alps' : `Kim: ${text()}`;
    return {
      type, content, keywords: next() < 0.5 ? [pick(WORDS)] : [], key: type === 'procedural' && next() < 0.5 ? pick(['morning', 'evening']) : undefined,
      validFrom: when(), sourceTurnIds: [pick(turns).id, pick(turns).id].filter((turnId, index, all) => all.indexOf(turnId) === index),
      ...(next() < 0.3 ? { eventTime: { from: when(), to: null } } : {}),
    };
  };
  const active = async (): Promise<Memory[]> => writer.memories.list(USER, { types: TYPES });
  const superseded = async (): Promise<Memory[]> => writer.memories.list(USER, { types: ['semantic'], status: ['superseded'] });

  const keptReader = countingFullReads(reader);
  const kept = new UserViews(keptReader.store, BM25_DEFAULTS, 4);
  // New processes: how many found a saved memory view, and how many of those still read every memory.
  const coldReader = countingFullReads(reader);
  let coldWithSaved = 0;
  for (let index = 0; index < 25; index += 1) await writer.memories.add(USER, newMemory());
  await kept.refresh(USER);
  assert.equal(keptReader.reads(), 1, 'the first refresh reads every memory');

  const done: Record<string, number> = {};
  let forgets = 0;
  for (let step = 0; step < 70; step += 1) {
    const live = await active();
    const target = pick(live);
    const roll = next();
    let op: string;
    if (roll < 0.3 || live.length < 5) {
      op = 'add';
      await writer.memories.add(USER, newMemory());
    } else if (roll < 0.45) {
      op = 'edit';
      await writer.memories.edit(USER, target.id, { content: `Kim now: ${text()}`, keywords: [pick(WORDS)] });
    } else if (roll < 0.62) {
      op = 'supersede';
      const semanticOne = live.find((memory) => memory.type === 'semantic') ?? target;
      await writer.memories.supersede(USER, semanticOne.id, { ...newMemory(), type: 'semantic' }, pick(turns).id);
    } else if (roll < 0.77) {
      // An episode marked as stating a replaced fact, its note naming a version that may be superseded again since.
      op = 'annotate';
      const old = (await superseded())[0];
      if (!old?.supersededBy) continue;
      await writer.memories.annotate(USER, target.id, { outdatedBy: [{ previousId: old.id, currentId: old.supersededBy, previous: old.content, current: 'now', at: AT.toISOString() }] });
    } else if (roll < 0.9) {
      op = 'retire';
      await writer.memories.retire(USER, target.id, null, AT);
    } else {
      op = 'forget';
      forgets += 1;
      await writer.memories.forget(USER, target.id);
      assert.equal(await reader.memoryViews.load(USER), null, 'a forget leaves no saved memory view to load');
    }
    done[op] = (done[op] ?? 0) + 1;
    // Sometimes two writes land before a recall looks (as when the update phase writes several memories at once).
    if (next() < 0.25) continue;
    const incremental = await kept.refresh(USER);
    const fresh = await new UserViews(reader, BM25_DEFAULTS, 4, 'UTC', { memoriesFrom: Infinity }).refresh(USER);
    assert.deepEqual(signature(incremental), signature(fresh), `step ${step} (${op})`);
    // A new process: the memory view saved by an earlier one (after its full read), brought up to date.
    const readsBefore = coldReader.reads();
    const hadSaved = (await reader.memoryViews.load(USER)) !== null;
    const cold = await new UserViews(coldReader.store, BM25_DEFAULTS, 4, 'UTC', { memoriesFrom: 1 }).refresh(USER);
    assert.deepEqual(signature(cold), signature(fresh), `step ${step} (${op}), a cold process`);
    if (hadSaved) {
      coldWithSaved += 1;
      assert.equal(coldReader.reads(), readsBefore, `step ${step} (${op}): a cold process with a saved memory view reads only the changes`);
    }
  }
  for (const op of ['add', 'edit', 'supersede', 'annotate', 'retire', 'forget']) assert.ok((done[op] ?? 0) >= 3, `the history exercised ${op} (${JSON.stringify(done)})`);
  assert.ok(coldWithSaved >= 25, `cold processes found a saved memory view (${coldWithSaved} times)`);
  assert.ok(keptReader.reads() <= 1 + forgets, `only a forget (which leaves no row to read) makes the view read every memory again: ${keptReader.reads()} reads, ${forgets} forgets`);
  const final = signature(await kept.refresh(USER)) as { memories: unknown[]; stale: unknown[]; outdated: unknown[] };
  assert.ok(final.memories.length >= 10 && final.stale.length > 0 && final.outdated.length > 0, 'the history ends with stale turns and outdated memories to compare');
}

test('a memory view kept up to date ranks as one built from scratch after every kind of write', async () => {
  await keptMatchesFresh(store, store, turns);
});

const postgresUrl = process.env.PERSONAVLM_TEST_POSTGRES_URL;
test('a view kept in one process follows the memory writes of another (two PostgreSQL stores on one database)', {
  skip: postgresUrl ? false : 'PERSONAVLM_TEST_POSTGRES_URL is not set (bash .ci/run starts PostgreSQL and sets it)',
}, async () => {
  const schema = `pv_test_kept_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const writer = new PostgresStore({ url: postgresUrl!, schema });
  await writer.open();
  const reader = new PostgresStore({ url: postgresUrl!, schema });
  await reader.open();
  try {
    await keptMatchesFresh(writer, reader, await historyTurns(writer));
  } finally {
    await reader.close();
    await writer.executor().query(`drop schema ${schema} cascade`);
    await writer.close();
  }
});

const memory = (id: string, content: string, status: Memory['status'] = 'active'): Memory => ({
  userId: USER, id, type: 'semantic', key: null, content, keywords: [], detail: {}, sourceTurnIds: [], sourceRegions: [], eventTime: null,
  validFrom: AT, validTo: null, status, supersededBy: null, supersededByTurnId: null, embeddingModel: null, embeddingDimensions: null, createdAt: AT, updatedAt: AT,
});
const counts = (active: number, superseded = 0): MemoryChanges['counts'] => [
  { type: 'semantic', status: 'active', count: active },
  ...(superseded > 0 ? [{ type: 'semantic' as const, status: 'superseded' as const, count: superseded }] : []),
];

test('an older read of a memory never overwrites a newer state the view already holds', () => {
  const corpus = new MemoryCorpus([memory('a', 'Kim likes tea')]);
  assert.equal(corpus.apply({ changed: [{ memory: memory('a', 'Kim likes coffee'), indexEntry: null, stamp: 7 }], counts: counts(1) }), true);
  assert.equal(corpus.apply({ changed: [{ memory: memory('a', 'Kim likes tea'), indexEntry: null, stamp: 6 }], counts: counts(1) }), true);
  assert.equal(corpus.memories[corpus.indexById.get('a')!]!.memory.content, 'Kim likes coffee');
  assert.deepEqual(searchMemoryCorpus(corpus, { text: 'tea', types: TYPES, limit: 5 }), []);
});

test('a view holding a memory the counts do not (a forget), or too many removed slots, says it must be built again', () => {
  const corpus = new MemoryCorpus([memory('a', 'Kim likes tea'), memory('b', 'Kim likes coffee')]);
  assert.equal(corpus.apply({ changed: [], counts: counts(1) }), false, 'one memory is gone without a row');
  const many = new MemoryCorpus(Array.from({ length: 600 }, (_, index) => memory(`m${index}`, `Kim note ${index}`)));
  const retired = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => ({ memory: memory(`m${from + index}`, 'x', 'retired'), indexEntry: null, stamp: 3 }));
  assert.equal(many.apply({ changed: retired(0, 200), counts: counts(400) }), true, 'a third removed: kept');
  assert.equal(many.size, 400);
  assert.equal(many.apply({ changed: retired(200, 300), counts: counts(300) }), false, 'past a quarter of the live ones (and 256): rebuilt');
});

test('a saved memory view restores as the build it came from; a changed view, another key or cut bytes are refused', () => {
  const built = new MemoryCorpus([memory('b', 'Kim likes coffee'), memory('a', 'Kim likes tea'), memory('c', 'Kim likes tea too')]);
  const data = encodeMemorySnapshot(built, 'k');
  const restored = decodeMemorySnapshot(data, 'k', USER, 'UTC')!;
  assert.deepEqual(restored.inOrder().map((doc) => restored.memories[doc]!.memory.id), built.inOrder().map((doc) => built.memories[doc]!.memory.id));
  assert.deepEqual(searchMemoryCorpus(restored, { text: 'tea', types: TYPES, limit: 5 }), searchMemoryCorpus(built, { text: 'tea', types: TYPES, limit: 5 }));
  assert.equal(decodeMemorySnapshot(data, 'another key', USER, 'UTC'), null);
  assert.throws(() => decodeMemorySnapshot(data.subarray(0, data.byteLength - 10), 'k', USER, 'UTC'));
  assert.equal(built.apply({ changed: [{ memory: memory('a', 'x', 'retired'), indexEntry: null, stamp: 2 }], counts: counts(2) }), true);
  assert.throws(() => built.saved(), /changed since its build/);
});
