// The ranking view apart from the database, on the owner's data as stored: its memory per turn, recall over it
// alone (recallOnView: what a query costs once the view is current), and the floor any lexical recall pays, a
// bare BM25 top-20 over the same turns' terms. Same process, same queries, right after the store-backed runs.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Memory, Turn } from '../../memory/types.ts';
import { Bm25Index } from '../../retrieval/bm25.ts';
import { MemoryCorpus } from '../../retrieval/memory-corpus.ts';
import { recallOnView } from '../../retrieval/recall-view.ts';
import { RETRIEVER_DEFAULTS } from '../../retrieval/retriever.ts';
import { ScoreAccumulator } from '../../retrieval/score-accumulator.ts';
import { lexicalTerms, stemAll } from '../../retrieval/terms.ts';
import { topByScore } from '../../retrieval/top-k.ts';
import { TurnCorpus } from '../../retrieval/turn-corpus.ts';
import type { MemoryStore } from '../../store/memory-store.ts';
import { timing, type Timing } from '../cost/timing.ts';

export interface ViewMeasure {
  /** JS heap plus typed-array bytes the turn view holds, per turn (TurnCorpus: lines, columns, BM25). */
  bytesPerTurn: number;
  /** The same for the memory view (MemoryCorpus), per turn of the user. */
  memoryBytesPerTurn: number;
  /** recallOnView alone, no store refresh. */
  rankOnly: Timing;
  /** Bare BM25 over the turns' stemmed words, top 20 by a partial sort. */
  bm25Floor: Timing;
}

/** A full collection, so before/after heap figures hold only what is still referenced. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}

const used = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;

async function allTurns(store: MemoryStore, userId: string): Promise<Turn[]> {
  const turns: Turn[] = [];
  for (;;) {
    const page = await store.turns.list(userId, { afterSeq: turns.at(-1)?.seq ?? 0, order: 'asc', limit: 1000 });
    turns.push(...page);
    if (page.length < 1000) return turns;
  }
}

export async function measureView(store: MemoryStore, userId: string, queries: readonly string[], repeats: number, at: Date, budgetTokens: number): Promise<ViewMeasure> {
  const gc = collector();
  const turns = await allTurns(store, userId);
  const memories: Memory[] = await store.memories.list(userId, { types: ['semantic', 'episodic', 'procedural'] });
  gc();
  const before = used();
  const turnView = new TurnCorpus();
  for (const turn of turns) turnView.add(turn);
  turnView.compact();
  gc();
  // The turn objects stay referenced on both sides, so the difference is the view (ids are shared with them).
  const between = used();
  const view = { turns: turnView, memories: new MemoryCorpus(memories) };
  gc();
  const perTurn = (bytes: number): number => Math.round(bytes / Math.max(1, turns.length));
  const bytesPerTurn = perTurn(between - before);
  const memoryBytesPerTurn = perTurn(used() - between);
  const floor = new Bm25Index();
  for (const turn of turns) floor.add(stemAll(turn.enrichment?.lemmas ?? []));
  const plain = queries.map((query) => new Map(lexicalTerms(query).map((term) => [term, 1])));
  const rankOnly: number[] = [];
  const bm25Floor: number[] = [];
  for (let round = 0; round < repeats; round += 1) {
    for (const [index, query] of queries.entries()) {
      let started = performance.now();
      recallOnView(view, { userId, query, at, budgetTokens }, RETRIEVER_DEFAULTS);
      rankOnly.push(performance.now() - started);
      started = performance.now();
      const scores = new ScoreAccumulator(floor.size);
      floor.score(plain[index]!, scores);
      topByScore(scores.docs(), scores.dense, 20);
      bm25Floor.push(performance.now() - started);
    }
  }
  return { bytesPerTurn, memoryBytesPerTurn, rankOnly: timing(rankOnly), bm25Floor: timing(bm25Floor) };
}
