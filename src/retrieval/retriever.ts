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
import { BM25_DEFAULTS, type Bm25Options } from './bm25.ts';
import { FEEDBACK_DEFAULTS, feedbackTerms, type FeedbackOptions } from './feedback.ts';
import { mergeItems } from './merge-items.ts';
import { PLAN_DEFAULTS, planQuery, type PlanOptions } from './query-plan.ts';
import { rankMemories, type RankedMemories } from './rank-memories.ts';
import { scoreTurns, TURN_SCORING_DEFAULTS, type TurnScoringOptions } from './score-turns.ts';
import { selectWindows } from './select-windows.ts';
import { turnInRange } from './time-filter.ts';
import type { RecallItem, RecallQuery, RecallResult } from './types.ts';
import { UserViews } from './user-view.ts';
import type { TurnCorpus } from './turn-corpus.ts';
import { validateRecallQuery } from './validate-query.ts';
import { collectSignals } from './vector-signals.ts';
import { windowItem } from './window-item.ts';
import type { Replacement } from './currency.ts';
import type { MemoryCorpus } from './memory-corpus.ts';
import { outdatedMarker } from '../memory/outdated.ts';

export interface RetrieverOptions {
  bm25: Bm25Options;
  plan: PlanOptions;
  scoring: TurnScoringOptions;
  feedback: FeedbackOptions;
  /** Largest share of the budget memories (semantic, episodic, procedural) may take; the rest is dialogue. */
  memoryShare: number;
  /** Also take the question a top-ranked turn answers, for this many top ranks (0: never). */
  contextBeforeTop: number;
  /** Also take the answer after a chosen turn that asks a question, for this many top ranks. */
  answerAfterTop: number;
  /** Share of a matching memory's score lent to the turns it came from (an episode's topic finds its dialogue). */
  memoryToTurnShare: number;
  /** Weight of vector similarity (1 − cosine distance) beside the normalized lexical score (best turn = 1). */
  vectorWeight: number;
  /** Vector hits asked of the store per target. */
  vectorLimit: number;
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
  bm25: BM25_DEFAULTS,
  plan: PLAN_DEFAULTS,
  scoring: TURN_SCORING_DEFAULTS,
  feedback: FEEDBACK_DEFAULTS,
  memoryShare: 0.3,
  contextBeforeTop: 0,
  answerAfterTop: 1000,
  memoryToTurnShare: 0.5,
  vectorWeight: 0.5,
  vectorLimit: 50,
  maxCachedUsers: 64,
  // Currency (retrieval/currency.ts): chosen on the recorded scenarios (src/scenarios), where a stale turn must
  // rank under the fact that replaced it; LoCoMo has no superseded memories, so its figures cannot move.
  outdatedFactor: 0.5,
  staleTurnFactor: 0.5,
  staleLiftTop: 20,
  // The one schema-backed setting here (memory.timeZone); the rest tune ranking.
  timeZone: defaults.memory.timeZone,
};

export interface RetrieverDeps {
  store: MemoryStore;
  embedder?: TextEmbedder | null;
  imageEmbedder?: ImageEmbedder | null;
  /** Receives one `recall` event per query (counts and timing) for inspectors and benchmarks. */
  events?: EventBus;
  options?: Partial<RetrieverOptions>;
}

export interface Retriever {
  recall(query: RecallQuery): Promise<RecallResult>;
}

/** How far past the budget `ranked` reaches, so benchmarks can trace what just missed. */
const RANKED_EXTRA_TOKENS = 2000;

// Core memory (the profile) is always in the prompt, so recall never spends budget on it.
const MEMORY_SOURCES = ['semantic', 'episodic', 'procedural'] as const;

/** Turns that may not be packed: already in the prompt, outside the time range, or without images when only images are asked for. */
function excludedTurns(corpus: TurnCorpus, query: RecallQuery): Set<number> {
  const ids = new Set(query.excludeTurnIds ?? []);
  const imagesOnly = query.types !== undefined && query.types.includes('image') && !query.types.includes('dialogue');
  const excluded = new Set<number>();
  if (ids.size === 0 && !query.timeRange && !imagesOnly) return excluded;
  for (const entry of corpus.turns) {
    const out = ids.has(entry.turn.id) || (query.timeRange && !turnInRange(entry, query.timeRange)) || (imagesOnly && entry.turn.images.length === 0 && !entry.imageText);
    if (out) excluded.add(entry.index);
  }
  return excluded;
}

/** Turn index → score lent by the memories that matched, added to the vector and image signals. */
function lentByMemories(corpus: TurnCorpus, memories: RankedMemories, share: number, into: ReadonlyMap<number, number>): Map<number, number> {
  const lent = new Map(into);
  if (share <= 0) return lent;
  for (const { entry, score } of memories.ranked) {
    for (const turnId of entry.memory.sourceTurnIds) {
      const index = corpus.byId.get(turnId)?.index;
      if (index !== undefined) lent.set(index, Math.max(lent.get(index) ?? 0, share * score));
    }
  }
  return lent;
}

function rankTurns(scores: Float64Array, corpus: TurnCorpus, hasTimeRange: boolean): number[] {
  const ranked = [...scores.keys()].filter((index) => scores[index]! > 0).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const newest = () => corpus.turns.map((entry) => entry.index).reverse();
  // Nothing matched at all: the newest turns are the best guess, and the caller still gets context.
  if (ranked.length === 0) return newest();
  // An explicit period is itself the question ("what happened last week?"): after the matches, the rest of the
  // period follows, newest first, so a turn in range that shares no word with the query can still come back.
  if (hasTimeRange) {
    const chosen = new Set(ranked);
    return [...ranked, ...newest().filter((index) => !chosen.has(index))];
  }
  return ranked;
}

/** Scores down the turns that stated a fact changed since; returns them (turn index → what replaced it). */
function demoteStaleTurns(corpus: TurnCorpus, memories: MemoryCorpus, scores: Float64Array, factor: number): Map<number, Replacement[]> {
  const stale = new Map<number, Replacement[]>();
  for (const [turnId, replacements] of memories.staleTurns) {
    const index = corpus.byId.get(turnId)?.index;
    if (index === undefined) continue;
    scores[index] = scores[index]! * factor;
    stale.set(index, replacements);
  }
  return stale;
}

/** The current facts of stale turns that rank near the top go above every other memory: the prompt gets both. */
function currentLifts(corpus: MemoryCorpus, memories: RankedMemories, top: readonly number[], stale: ReadonlyMap<number, Replacement[]>): Map<number, number> {
  const best = memories.ranked[0]?.score ?? 0;
  const lifts = new Map<number, number>();
  for (const index of top) {
    for (const replacement of stale.get(index) ?? []) {
      const current = corpus.indexById.get(replacement.currentId);
      if (current !== undefined) lifts.set(current, best);
    }
  }
  return lifts;
}

export function createRetriever(deps: RetrieverDeps): Retriever {
  const options: RetrieverOptions = { ...RETRIEVER_DEFAULTS, ...deps.options };
  const views = new UserViews(deps.store, options.bm25, options.maxCachedUsers, options.timeZone);

  return {
    async recall(query) {
      const started = performance.now();
      validateRecallQuery(query);
      const view = await views.refresh(query.userId);
      const corpus = view.turns;
      const wantsDialogue = !query.types || query.types.includes('dialogue') || query.types.includes('image');
      const memoryTypes = MEMORY_SOURCES.filter((type) => !query.types || query.types.includes(type));
      const vocabulary = { speakerNames: corpus.speakerNames, documentFrequency: (term: string) => corpus.lexical.documentFrequency(term), terms: () => corpus.lexical.vocabulary() };
      const plan = planQuery({ ...query, timeZone: options.timeZone }, vocabulary, options.plan);
      const signals = await collectSignals(deps, query, corpus, view.memories, options.vectorLimit, options.vectorWeight);
      const currency = { outdatedFactor: options.outdatedFactor };
      let memories: RankedMemories = rankMemories(view.memories, plan, query, memoryTypes, signals.memoryAdditive, currency);

      let pack = (budget: number): RecallItem[] => memories.pack(budget);
      if (wantsDialogue) {
        const excluded = excludedTurns(corpus, query);
        const additive = lentByMemories(corpus, memories, options.memoryToTurnShare, signals.turnAdditive);
        const first = scoreTurns(corpus, plan, query.at, options.scoring, { additive });
        const expansion = feedbackTerms(corpus, first, plan.terms, options.feedback);
        const scores = expansion.size > 0 ? scoreTurns(corpus, plan, query.at, options.scoring, { additive, expansion }) : first;
        const stale = demoteStaleTurns(corpus, view.memories, scores, plan.present ? options.staleTurnFactor ** 2 : options.staleTurnFactor);
        const ranked = rankTurns(scores, corpus, query.timeRange !== undefined);
        const lifts = currentLifts(view.memories, memories, ranked.slice(0, options.staleLiftTop), stale);
        if (lifts.size > 0) memories = rankMemories(view.memories, plan, query, memoryTypes, signals.memoryAdditive, currency, lifts);
        const notes = new Map([...stale].map(([index, replacements]) => [index, outdatedMarker(replacements, options.timeZone)]));
        const replacedByOf = (turnId: string) => (view.memories.staleTurns.get(turnId) ?? []).map((replacement) => replacement.currentId);
        pack = (budget) => {
          const memoryItems = memories.pack(Math.floor(budget * options.memoryShare));
          const used = memoryItems.reduce((sum, item) => sum + item.tokens, 0);
          const selectOptions = { budget: budget - used, excluded, contextBeforeTop: options.contextBeforeTop, answerAfterTop: options.answerAfterTop, timeZone: options.timeZone, notes };
          const windows = selectWindows(corpus, ranked, selectOptions);
          return mergeItems(windows.map((window) => windowItem(window, (index) => scores[index] ?? 0, replacedByOf)), memoryItems);
        };
      }
      const items = pack(query.budgetTokens);
      const totalTokens = items.reduce((sum, item) => sum + item.tokens, 0);
      deps.events?.emit({ type: 'recall', userId: query.userId, items: items.length, totalTokens, latencyMs: performance.now() - started });
      return { items, totalTokens, ...(query.traceRanked ? { ranked: pack(query.budgetTokens + RANKED_EXTRA_TOKENS) } : {}) };
    },
  };
}
