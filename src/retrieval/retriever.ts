// The retrieval engine: query → candidates (lexical BM25 over the user's turns and memories, vectors and
// image similarity when embedders are configured) → fused turn scores → windows of dialogue and memories
// packed to the token budget. No model is needed; embedders only add candidates.
import type { EventBus } from '../memory/events.ts';
import type { ImageEmbedder, TextEmbedder } from '../model/ports.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import { BM25_DEFAULTS, type Bm25Options } from './bm25.ts';
import { rankMemories } from './rank-memories.ts';
import { mergeItems } from './merge-items.ts';
import { planQuery } from './query-plan.ts';
import { scoreTurns, TURN_SCORING_DEFAULTS, type TurnScoringOptions } from './score-turns.ts';
import { selectWindows } from './select-windows.ts';
import { turnInRange } from './time-filter.ts';
import type { RecallQuery, RecallResult } from './types.ts';
import { UserViews } from './user-view.ts';
import { collectSignals } from './vector-signals.ts';
import { validateRecallQuery } from './validate-query.ts';
import { windowItem } from './window-item.ts';

export interface RetrieverOptions {
  bm25: Bm25Options;
  scoring: TurnScoringOptions;
  /** Largest share of the budget memories (semantic, episodic, procedural) may take; the rest is dialogue. */
  memoryShare: number;
  /** Also take the question a top-ranked turn answers, for this many top ranks (0: never). */
  contextBeforeTop: number;
  /** Also take the answer after a chosen turn that asks a question, for this many top ranks. */
  answerAfterTop: number;
  /** Weight of vector similarity (1 − cosine distance) beside the normalized lexical score. */
  vectorWeight: number;
  /** Vector hits asked of the store per target. */
  vectorLimit: number;
}

export const RETRIEVER_DEFAULTS: RetrieverOptions = {
  bm25: BM25_DEFAULTS,
  scoring: TURN_SCORING_DEFAULTS,
  memoryShare: 0.3,
  contextBeforeTop: 0,
  answerAfterTop: 1000,
  vectorWeight: 0.5,
  vectorLimit: 50,
};

export interface RetrieverDeps {
  store: MemoryStore;
  embedder?: TextEmbedder | null;
  imageEmbedder?: ImageEmbedder | null;
  events?: EventBus;
  options?: Partial<RetrieverOptions>;
}

export interface Retriever {
  recall(query: RecallQuery): Promise<RecallResult>;
}

/** How far past the budget `ranked` reaches, so benchmarks can trace what just missed. */
const RANKED_EXTRA_TOKENS = 2000;

export function createRetriever(deps: RetrieverDeps): Retriever {
  const options: RetrieverOptions = { ...RETRIEVER_DEFAULTS, ...deps.options };
  const views = new UserViews(deps.store, options.bm25);

  return {
    async recall(query) {
      validateRecallQuery(query);
      const view = await views.refresh(query.userId);
      const corpus = view.turns;
      const wantsDialogue = !query.types || query.types.includes('dialogue') || query.types.includes('image');
      const memoryTypes = (query.types ?? ['semantic', 'episodic', 'procedural']).filter((type) => type === 'semantic' || type === 'episodic' || type === 'procedural');

      const plan = planQuery(query, { speakerNames: corpus.speakerNames, documentFrequency: (term) => corpus.lexical.documentFrequency(term) });
      const signals = await collectSignals(deps, query, corpus, view.memories, options.vectorLimit, options.vectorWeight);
      const memories = rankMemories(view.memories, plan, query, memoryTypes, signals.memoryAdditive);

      const excludedIds = new Set(query.excludeTurnIds ?? []);
      const excluded = new Set<number>();
      for (const entry of corpus.turns) {
        if (excludedIds.has(entry.turn.id) || (query.timeRange && !turnInRange(entry, query.timeRange))) excluded.add(entry.index);
      }
      let ranked: number[] = [];
      if (wantsDialogue) {
        const scores = scoreTurns(corpus, plan, query.at, options.scoring, { additive: signals.turnAdditive });
        ranked = [...scores.keys()].filter((index) => scores[index]! > 0).sort((a, b) => scores[b]! - scores[a]! || a - b);
        // Nothing matched at all: the newest turns are the best guess, and the caller still gets context.
        if (ranked.length === 0) ranked = corpus.turns.map((entry) => entry.index).reverse();
        const scoreOf = (index: number): number => scores[index] ?? 0;
        const pack = (budget: number) => {
          const memoryItems = memories.pack(Math.floor(budget * options.memoryShare));
          const used = memoryItems.reduce((sum, item) => sum + item.tokens, 0);
          const windows = selectWindows(corpus, ranked, { budget: budget - used, excluded, contextBeforeTop: options.contextBeforeTop, answerAfterTop: options.answerAfterTop });
          return mergeItems(windows.map((window) => windowItem(window, scoreOf)), memoryItems);
        };
        const items = pack(query.budgetTokens);
        return { items, totalTokens: items.reduce((sum, item) => sum + item.tokens, 0), ranked: pack(query.budgetTokens + RANKED_EXTRA_TOKENS) };
      }
      const items = memories.pack(query.budgetTokens);
      return { items, totalTokens: items.reduce((sum, item) => sum + item.tokens, 0), ranked: memories.pack(query.budgetTokens + RANKED_EXTRA_TOKENS) };
    },
  };
}
