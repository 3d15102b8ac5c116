// Ranking and packing over one user's view, once the view is current and the vector signals are in: no store,
// no model, no I/O, so the same code answers a live query and a million-turn test. A query's work follows what
// it reaches: posting lists of its terms, the turns they score and their neighbours, and the head of the ranking
// that packing reads until the budget is spent (score-turns.ts, top-k.ts, select-windows.ts).
import { outdatedMarker } from '../memory/outdated.ts';
import type { Replacement } from './currency.ts';
import { feedbackTerms } from './feedback.ts';
import type { MemoryCorpus } from './memory-corpus.ts';
import { mergeItems } from './merge-items.ts';
import { planQuery } from './query-plan.ts';
import { rankMemories, type RankedMemories } from './rank-memories.ts';
import type { RetrieverOptions } from './retriever.ts';
import type { ScoreAccumulator } from './score-accumulator.ts';
import { scoreTurns } from './score-turns.ts';
import { selectWindows } from './select-windows.ts';
import { topByScore, topIndices } from './top-k.ts';
import type { TurnCorpus } from './turn-corpus.ts';
import type { RecallItem, RecallQuery, RecallResult } from './types.ts';
import type { Signals } from './vector-signals.ts';
import { windowItem } from './window-item.ts';

/** How far past the budget `ranked` reaches, so benchmarks can trace what just missed. */
const RANKED_EXTRA_TOKENS = 2000;

// Core memory (the profile) is always in the prompt, so recall never spends budget on it.
const MEMORY_SOURCES = ['semantic', 'episodic', 'procedural'] as const;

/** Turns that may not be packed: already in the prompt, outside the time range, or without images when only images are asked for. */
function excludedTurns(corpus: TurnCorpus, query: RecallQuery): (index: number) => boolean {
  const ids = new Set(query.excludeTurnIds ?? []);
  const imagesOnly = query.types !== undefined && query.types.includes('image') && !query.types.includes('dialogue');
  const range = query.timeRange;
  if (ids.size === 0 && !range && !imagesOnly) return () => false;
  const byId = new Set([...ids].flatMap((id) => corpus.indexOf(id) ?? []));
  return (index) => byId.has(index) || (range !== undefined && !corpus.inRange(index, range)) || (imagesOnly && !corpus.hasImages(index));
}

/** Turns that cannot rank, as a mask (excluded, or stating a fact changed since, scored down later); null: none. */
function unrankedMask(corpus: TurnCorpus, memories: MemoryCorpus, excluded: (index: number) => boolean, query: RecallQuery): Uint8Array | null {
  const filtered = (query.excludeTurnIds?.length ?? 0) > 0 || query.timeRange !== undefined || query.types !== undefined;
  if (!filtered && memories.staleTurns.size === 0) return null;
  const mask = new Uint8Array(corpus.size);
  if (filtered) for (let index = 0; index < corpus.size; index += 1) if (excluded(index)) mask[index] = 1;
  for (const id of memories.staleTurns.keys()) {
    const index = corpus.indexOf(id);
    if (index !== undefined) mask[index] = 1;
  }
  return mask;
}

/** Turn index → score lent by the memories that matched, added to the vector and image signals. */
function lentByMemories(corpus: TurnCorpus, view: MemoryCorpus, memories: RankedMemories, share: number, into: ReadonlyMap<number, number>): Map<number, number> {
  const lent = new Map(into);
  if (share <= 0) return lent;
  for (const { index: memory, score } of memories.ranked) {
    for (const index of view.sourceTurnIndexes(memory, corpus)) lent.set(index, Math.max(lent.get(index) ?? 0, share * score));
  }
  return lent;
}

/**
 * The best `limit` turns, best first: those that scored, then (nothing scored, or the query names a period, which
 * is itself the question: "what happened last week?") the rest newest first, so context still comes back.
 * Excluded turns never rank. Only the head is sorted: packing reads until the budget is spent.
 */
function rankTurns(scores: ScoreAccumulator, corpus: TurnCorpus, excluded: (index: number) => boolean, hasTimeRange: boolean, limit: number): number[] {
  const docs = scores.docs();
  const dense = scores.dense;
  const candidates = new Int32Array(docs.length);
  let count = 0;
  let matched = false;
  for (let position = 0; position < docs.length; position += 1) {
    const index = docs[position]!;
    if (dense[index]! <= 0) continue;
    matched = true;
    if (!excluded(index)) candidates[count++] = index;
  }
  const ranked = topByScore(candidates.subarray(0, count), dense, limit);
  // A match among excluded turns only (those already in the prompt) is still a match: no fallback then.
  if (matched && !hasTimeRange) return ranked;
  for (let index = corpus.size - 1; index >= 0 && ranked.length < limit; index -= 1) {
    if (scores.get(index) <= 0 && !excluded(index)) ranked.push(index);
  }
  return ranked;
}

/** Scores down the turns that stated a fact changed since; returns them (turn index → what replaced it). */
function demoteStaleTurns(corpus: TurnCorpus, memories: MemoryCorpus, scores: ScoreAccumulator, factor: number): Map<number, Replacement[]> {
  const stale = new Map<number, Replacement[]>();
  for (const [turnId, replacements] of memories.staleTurns) {
    const index = corpus.indexOf(turnId);
    if (index === undefined) continue;
    scores.set(index, scores.get(index) * factor);
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

/** Recall over a view: query plan, memory and turn ranking, feedback, currency, packing. `signals`: vector and image evidence. */
export function recallOnView(
  view: { turns: TurnCorpus; memories: MemoryCorpus },
  query: RecallQuery,
  options: RetrieverOptions,
  signals: Signals = { turnAdditive: new Map(), memoryAdditive: new Map() },
): RecallResult {
  try {
    return recallWith(view, query, options, signals);
  } finally {
    view.turns.scratch.releaseAll();
  }
}

function recallWith(view: { turns: TurnCorpus; memories: MemoryCorpus }, query: RecallQuery, options: RetrieverOptions, signals: Signals): RecallResult {
  const corpus = view.turns;
  const wantsDialogue = !query.types || query.types.includes('dialogue') || query.types.includes('image');
  const memoryTypes = MEMORY_SOURCES.filter((type) => !query.types || query.types.includes(type));
  const vocabulary = { speakerNames: corpus.speakerNames, documentFrequency: (term: string) => corpus.lexical.documentFrequency(term), terms: () => corpus.lexical.words() };
  const plan = planQuery({ ...query, timeZone: options.timeZone }, vocabulary, options.plan);
  const currency = { outdatedFactor: options.outdatedFactor };
  const limit = Math.max(options.minRanked, query.budgetTokens + (query.traceRanked ? RANKED_EXTRA_TOKENS : 0));
  let memories: RankedMemories = rankMemories(view.memories, plan, query, memoryTypes, signals.memoryAdditive, currency, new Map(), limit);

  let pack = (budget: number): RecallItem[] => memories.pack(budget);
  if (wantsDialogue) {
    const excluded = excludedTurns(corpus, query);
    const additive = lentByMemories(corpus, view.memories, memories, options.memoryToTurnShare, signals.turnAdditive);
    // Only the best `limit` turns are packed or traced; stale turns are scored down after, so they do not count.
    const scoreLimit = { top: limit, unranked: unrankedMask(corpus, view.memories, excluded, query) };
    // The first pass only chooses the feedback terms, from its best feedback.turns turns: only those must be exact,
    // so it prunes far harder than the final pass. Without expansion terms the final pass is the first one, in full.
    const feedbackLimit = options.feedback.turns > 0 && options.feedback.turns < limit ? { ...scoreLimit, top: options.feedback.turns } : scoreLimit;
    const first = scoreTurns(corpus, plan, query.at, options.scoring, { additive }, feedbackLimit);
    const expansion = feedbackTerms(corpus, first, plan.terms, options.feedback);
    const exactFirst = expansion.size === 0 && feedbackLimit === scoreLimit;
    const scores = exactFirst ? first : scoreTurns(corpus, plan, query.at, options.scoring, expansion.size > 0 ? { additive, expansion } : { additive }, scoreLimit);
    const stale = demoteStaleTurns(corpus, view.memories, scores, plan.present ? options.staleTurnFactor ** 2 : options.staleTurnFactor);
    const ranked = rankTurns(scores, corpus, excluded, query.timeRange !== undefined, limit);
    // The best turns whether or not they may be packed: a stale turn outside the range still says the fact changed.
    const liftTop = stale.size > 0 ? topIndices(scores.dense, options.staleLiftTop, scores.docs()) : [];
    const lifts = currentLifts(view.memories, memories, liftTop, stale);
    if (lifts.size > 0) memories = rankMemories(view.memories, plan, query, memoryTypes, signals.memoryAdditive, currency, lifts, limit);
    const notes = new Map([...stale].map(([index, replacements]) => [index, outdatedMarker(replacements, options.timeZone)]));
    const replacedByOf = (turnId: string) => (view.memories.staleTurns.get(turnId) ?? []).map((replacement) => replacement.currentId);
    pack = (budget) => {
      const memoryItems = memories.pack(Math.floor(budget * options.memoryShare));
      const used = memoryItems.reduce((sum, item) => sum + item.tokens, 0);
      const selectOptions = { budget: budget - used, excluded, answerAfter: options.answerAfter, timeZone: options.timeZone, notes };
      const windows = selectWindows(corpus, ranked, selectOptions);
      return mergeItems(windows.map((window) => windowItem(window, (index) => scores.get(index), replacedByOf)), memoryItems, options.memoryFusionK);
    };
  }
  const items = pack(query.budgetTokens);
  const totalTokens = items.reduce((sum, item) => sum + item.tokens, 0);
  return { items, totalTokens, ...(query.traceRanked ? { ranked: pack(query.budgetTokens + RANKED_EXTRA_TOKENS) } : {}) };
}
