// One engine at one size: load the owner and the other users, then time persona.recall() over the fixed
// queries, interleaved with its baseline (store.search.vector when an embedder is configured, through pgvector and
// as an exact scan), so drift on a busy machine hits both alike; the lexical floor is the bare BM25 (measure-view.ts).
import { enrichText } from '../../enrichment/index.ts';
import type { TextEmbedder } from '../../model/ports.ts';
import { createPersona, type Persona, internalsOf } from '../../persona.ts';
import { UTC } from '../../memory/time-zone.ts';
import { readMemoryCorpus } from '../../retrieval/user-view.ts';
import type { MemoryStore } from '../../store/memory-store.ts';
import { timed, timing, type Timing } from '../cost/timing.ts';
import { embedInBatches, loadSyntheticUser, type LoadedUser } from './bulk-load.ts';
import { measureView, type ViewMeasure } from './measure-view.ts';
import type { DatabaseSize, EngineStore } from './engine-store.ts';
import type { TextGenerator } from './text-generator.ts';

export interface MeasureOptions {
  size: number;
  users: number;
  queries: string[];
  repeats: number;
  budgetTokens: number;
  embedder: TextEmbedder | null;
  generator: TextGenerator;
  onProgress?: (step: string) => void;
}

export interface VectorTimings {
  /** Through pgvector's `<=>`; null where the engine has no pgvector (reason given). */
  pgvector: Timing | null;
  pgvectorUnavailable?: string;
  exact: Timing;
}

export interface EngineResult {
  engine: string;
  serverVersion: string;
  size: number;
  users: number;
  memoriesPerUser: number;
  loadSeconds: number;
  /** The first recall of the owner: it builds the in-memory ranking view from the store. */
  recallColdMs: number;
  recall: Timing;
  vectorSearch: VectorTimings | null;
  /** recall p50 / the bare BM25 floor's p50 (and / vector p50 when measured). */
  ratio: { recallOverVector?: number; recallOverFloor: number };
  /** The ranking view alone (measure-view.ts): bytes per turn, recall without the store, the BM25 floor. */
  view: ViewMeasure;
  /**
   * The recall right after a memory write (a semantic memory added, corrected, superseded: what the update phase
   * does every turn), with the memory view kept up to date from the changed rows; and its baseline in the same
   * process: reading the owner's memories and building their view from scratch, what that recall cost before.
   */
  afterMemoryWrite: { recall: Timing; rebuild: Timing };
  /** Recall items whose turns are not the owner's: must be 0 (per-user scoping). */
  foreignItems: number;
  memoryMB: { rssAfterLoad: number; rssAfterRecall: number; heapUsedAfterRecall: number };
  database: DatabaseSize & { emptyBytes: number };
}

const OWNER = 'owner';
const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);
const ratio = (a: number, b: number): number => (b === 0 ? 0 : Math.round((a / b) * 100) / 100);

async function vectorTimes(store: MemoryStore, userId: string, embedder: TextEmbedder, vectors: number[][], repeats: number): Promise<number[]> {
  const samples: number[] = [];
  for (let r = 0; r < repeats; r += 1) {
    for (const vector of vectors) samples.push(await timed(() => store.search.vector(userId, { vector, model: embedder.modelId, target: 'turns', limit: 50 })));
  }
  return samples;
}

interface QueryTimes {
  coldMs: number;
  recall: number[];
  vector: number[];
  foreignItems: number;
  afterWrite: number[];
  rebuild: number[];
}

/** Memory writes timed per run (each: add, correct, supersede, so three recalls). */
const MEMORY_WRITES = 5;

/** The recall after each of a few memory writes, and the full rebuild of the memory view it replaces, alternated. */
async function timeMemoryWrites(persona: Persona, at: Date, budgetTokens: number, times: QueryTimes): Promise<void> {
  const store = internalsOf(persona).store;
  const recall = (query: string): Promise<number> => timed(() => persona.recall({ userId: OWNER, query, at, budgetTokens }));
  const rebuild = (): Promise<number> => timed(() => readMemoryCorpus(store, OWNER, UTC));
  for (let index = 0; index < MEMORY_WRITES; index += 1) {
    const memory = await store.memories.add(OWNER, { type: 'semantic', content: `The user adopted a cat named Pixel (${index}).`, keywords: ['cat', 'Pixel'], validFrom: at });
    times.afterWrite.push(await recall('What is the name of my cat?'));
    times.rebuild.push(await rebuild());
    await store.memories.edit(OWNER, memory.id, { content: `The user adopted a kitten named Pixel (${index}).` });
    times.afterWrite.push(await recall('What is the name of my kitten?'));
    times.rebuild.push(await rebuild());
    await store.memories.supersede(OWNER, memory.id, { type: 'semantic', content: `The user gave the kitten Pixel (${index}) to a friend.`, keywords: ['cat'], validFrom: at }, null);
    times.afterWrite.push(await recall('Where is my kitten now?'));
    times.rebuild.push(await rebuild());
  }
}

async function loadUsers(persona: Persona, target: EngineStore, options: MeasureOptions): Promise<LoadedUser> {
  let owner: LoadedUser | null = null;
  for (let index = 0; index < options.users; index += 1) {
    const userId = index === 0 ? OWNER : `other-${index}`;
    options.onProgress?.(`${target.engine} ${options.size}: loading ${userId}`);
    const user = await loadSyntheticUser(internalsOf(persona).store, { userId, turns: options.size, seed: index + 1, generator: options.generator, enrich: enrichText, embedder: options.embedder });
    owner ??= user;
  }
  return owner!;
}

async function timeQueries(persona: Persona, owner: LoadedUser, options: MeasureOptions, vectors: number[][]): Promise<QueryTimes> {
  const { embedder, queries, budgetTokens } = options;
  const at = new Date(owner.lastAt.getTime() + 60 * 60_000);
  const times: QueryTimes = { coldMs: 0, recall: [], vector: [], foreignItems: 0, afterWrite: [], rebuild: [] };
  times.coldMs = await timed(() => persona.recall({ userId: OWNER, query: queries[0]!, at, budgetTokens }));
  for (let r = 0; r < options.repeats; r += 1) {
    for (const [index, query] of queries.entries()) {
      const started = performance.now();
      const result = await persona.recall({ userId: OWNER, query, at, budgetTokens });
      times.recall.push(performance.now() - started);
      times.foreignItems += result.items.filter((item) => item.sourceTurnIds.some((id) => !owner.turnIds.has(id))).length;
      const vector = vectors[index];
      if (embedder && vector) times.vector.push(await timed(() => internalsOf(persona).store.search.vector(OWNER, { vector, model: embedder.modelId, target: 'turns', limit: 50 })));
    }
  }
  await timeMemoryWrites(persona, at, budgetTokens, times);
  return times;
}

/** Same data, a store that skips pgvector: the exact scan the engine falls back to without it. */
async function exactVectorTimes(target: EngineStore, embedder: TextEmbedder, vectors: number[][], repeats: number): Promise<number[]> {
  const store = target.create('exact');
  await store.open();
  try {
    return await vectorTimes(store, OWNER, embedder, vectors, repeats);
  } finally {
    await store.close();
  }
}

export async function measureEngine(target: EngineStore, options: MeasureOptions): Promise<EngineResult> {
  const { embedder, queries, repeats } = options;
  const vectors = embedder ? await embedInBatches(embedder, queries) : [];
  const persona = createPersona({ store: target.create('auto'), model: null, vision: false, embedder, imageEmbedder: null });
  await persona.open();
  const measured = await (async () => {
    try {
      const capabilities = await internalsOf(persona).store.capabilities();
      // The size of the migrated, empty database: PGlite's data directory holds the whole cluster's catalogs.
      const emptyBytes = (await target.size()).bytes;
      const loadStarted = performance.now();
      const owner = await loadUsers(persona, target, options);
      const loadSeconds = Math.round((performance.now() - loadStarted) / 100) / 10;
      const rssAfterLoad = process.memoryUsage().rss;
      options.onProgress?.(`${target.engine} ${options.size}: timing ${repeats} × ${queries.length} queries`);
      const times = await timeQueries(persona, owner, options, vectors);
      options.onProgress?.(`${target.engine} ${options.size}: the view alone and the BM25 floor`);
      const view = await measureView(internalsOf(persona).store, OWNER, queries, repeats, new Date(owner.lastAt.getTime() + 60 * 60_000), options.budgetTokens);
      return { capabilities, emptyBytes, owner, loadSeconds, rssAfterLoad, times, view };
    } finally {
      await persona.close();
    }
  })();
  const { capabilities, times } = measured;
  const memory = process.memoryUsage();
  let vectorSearch: VectorTimings | null = null;
  if (embedder && capabilities.vector) {
    vectorSearch = { pgvector: timing(times.vector), exact: timing(await exactVectorTimes(target, embedder, vectors, repeats)) };
  } else if (embedder) {
    vectorSearch = { pgvector: null, pgvectorUnavailable: capabilities.vectorUnavailableReason ?? 'not installed', exact: timing(times.vector) };
  }
  const recall = timing(times.recall);
  const vectorP50 = vectorSearch ? (vectorSearch.pgvector ?? vectorSearch.exact).p50 : undefined;
  return {
    engine: capabilities.engine,
    serverVersion: capabilities.serverVersion,
    size: options.size,
    users: options.users,
    memoriesPerUser: measured.owner.memories,
    loadSeconds: measured.loadSeconds,
    recallColdMs: Math.round(times.coldMs * 10) / 10,
    recall,
    vectorSearch,
    view: measured.view,
    ratio: { recallOverFloor: ratio(recall.p50, measured.view.bm25Floor.p50), ...(vectorP50 !== undefined ? { recallOverVector: ratio(recall.p50, vectorP50) } : {}) },
    afterMemoryWrite: { recall: timing(times.afterWrite), rebuild: timing(times.rebuild) },
    foreignItems: times.foreignItems,
    memoryMB: { rssAfterLoad: mb(measured.rssAfterLoad), rssAfterRecall: mb(memory.rss), heapUsedAfterRecall: mb(memory.heapUsed) },
    database: { ...(await target.size()), emptyBytes: measured.emptyBytes },
  };
}
