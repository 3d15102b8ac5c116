// The retrieval engine: query → candidates (lexical BM25 over the user's turns and memories, vectors and
// image similarity when embedders are configured) → fused turn scores → dialogue grouped by session and
// memories, packed to the token budget. No model is needed; embedders only add candidates.
//
// Why not the store's search.text (Postgres ts_rank_cd) as the lexical source: ts_rank_cd has no inverse
// document frequency and no length normalization, so "really" counts as much as "Sweden", and the whole turn
// set would still have to be read for neighbours and sessions. An in-memory BM25 view per user, refreshed
// incrementally from the store, ranks better and answers in milliseconds; the store stays the source of truth.
import { defaults } from '../config/defaults.ts';
import type { EventBus } from '../memory/events.ts';
import type { ImageEmbedder, TextEmbedder } from '../model/ports.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import type { Bm25Options } from './bm25.ts';
import type { FeedbackOptions } from './feedback.ts';
import type { PlanOptions } from './query-plan.ts';
import { recallOnView } from './recall-view.ts';
import type { TurnScoringOptions } from './score-turns.ts';
import { RETRIEVAL_TUNING } from './tuning.ts';
import type { RecallQuery, RecallResult } from './types.ts';
import { UserViews } from './user-view.ts';
import { validateRecallQuery } from './validate-query.ts';
import { searchMemoryCorpus } from './memory-search.ts';
import type { MemorySearch } from '../memory/memory-search.ts';
import { checkId } from '../store/validation.ts';
import { collectSignals, type VectorFusion, type VectorOptions } from './vector-signals.ts';

export interface RetrieverOptions {
  bm25: Bm25Options;
  plan: PlanOptions;
  scoring: TurnScoringOptions;
  feedback: FeedbackOptions;
  /** Largest share of the budget memories (semantic, episodic, procedural) may take; the rest is dialogue. */
  memoryShare: number;
  /** Also take the answer after a chosen turn that asks a question. */
  answerAfter: boolean;
  /**
   * Turns (and memories) ranked per query: at least this many, or the budget in tokens when larger (a line costs
   * a token or more). Only these are sorted and considered for packing; the rest of a long history is noise there.
   */
  minRanked: number;
  /** Share of a matching memory's score lent to the turns it came from (an episode's topic finds its dialogue). */
  memoryToTurnShare: number;
  /** Weight of vector similarity (1 − cosine distance) beside the normalized lexical score (best turn = 1). */
  vectorWeight: number;
  /** Vector hits asked of the store per target. */
  vectorLimit: number;
  /** How text vector hits join the lexical score (vector-signals.ts). */
  vectorFusion: VectorFusion;
  /** k of the reciprocal-rank fusion of dialogue and memories (merge-items.ts). */
  memoryFusionK: number;
  /** Users whose ranking views stay in memory (least recently used dropped first). */
  maxCachedUsers: number;
  /** IANA zone (memory.timeZone) for the query's date phrases and the session headers' clock. */
  timeZone: string;
  /** Score factor of an outdated episode (one that states a fact changed since, memory/outdated.ts). */
  outdatedFactor: number;
  /** Score factor of a turn that stated a fact changed since; squared for a present-tense question ("now"). */
  staleTurnFactor: number;
  /** A stale turn among this many best turns lifts its current fact to the top of the memories. */
  staleLiftTop: number;
}

export const RETRIEVER_DEFAULTS: RetrieverOptions = {
  ...RETRIEVAL_TUNING,
  maxCachedUsers: 64,
  // The one schema-backed setting here (memory.timeZone); the rest tune ranking (tuning.ts).
  timeZone: defaults.memory.timeZone,
};

export function vectorOptionsOf(options: RetrieverOptions): VectorOptions {
  return { limit: options.vectorLimit, weight: options.vectorWeight, fusion: options.vectorFusion };
}

export interface RetrieverDeps {
  store: MemoryStore;
  embedder?: TextEmbedder | null;
  imageEmbedder?: ImageEmbedder | null;
  /** Receives one `recall` event per query (counts and timing) for inspectors and benchmarks. */
  events?: EventBus;
  options?: Partial<RetrieverOptions>;
}

export interface Retriever extends MemorySearch {
  recall(query: RecallQuery): Promise<RecallResult>;
}

export function createRetriever(deps: RetrieverDeps): Retriever {
  const options: RetrieverOptions = { ...RETRIEVER_DEFAULTS, ...deps.options };
  const views = new UserViews(deps.store, options.bm25, options.maxCachedUsers, options.timeZone, deps.events ? { events: deps.events } : {});

  return {
    async recall(query) {
      const started = performance.now();
      validateRecallQuery(query);
      const view = await views.refresh(query.userId);
      const signals = await collectSignals(deps, query, view.turns, view.memories, vectorOptionsOf(options));
      const result = recallOnView(view, query, options, signals);
      deps.events?.emit({ type: 'recall', userId: query.userId, items: result.items.length, totalTokens: result.totalTokens, latencyMs: performance.now() - started });
      return result;
    },
    async related(userId, query) {
      checkId(userId, 'user id');
      return searchMemoryCorpus((await views.refresh(userId, 'memories')).memories, query);
    },
  };
}
