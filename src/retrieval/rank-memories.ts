// Semantic, episodic and procedural memories ranked by BM25 (plus vector similarity when configured), filtered
// by type and time range, and packed greedily within their share of the budget. Their text is the content.
import type { MemoryType } from '../memory/types.ts';
import type { IndexedMemory, MemoryCorpus } from './memory-corpus.ts';
import type { QueryPlan } from './query-plan.ts';
import { ScoreAccumulator } from './score-accumulator.ts';
import { memoryInRange } from './time-filter.ts';
import type { RecallItem, RecallQuery } from './types.ts';

export interface RankedMemories {
  ranked: { entry: IndexedMemory; index: number; score: number }[];
  pack(budget: number): RecallItem[];
}

function toItem(corpus: MemoryCorpus, index: number, score: number): RecallItem {
  const entry = corpus.memories[index]!;
  const { memory } = entry;
  const replacedBy = (corpus.outdated.get(index) ?? []).map((current) => corpus.memories[current]!.memory.id);
  return {
    source: memory.type,
    id: memory.id,
    text: entry.text,
    tokens: entry.tokens,
    score,
    scoreParts: { memory: score },
    at: memory.eventTime?.from ?? memory.validFrom,
    sourceTurnIds: memory.sourceTurnIds,
    sourceRegions: memory.sourceRegions,
    imageSha256s: [...new Set(memory.sourceRegions.map((region) => region.imageSha256))],
    ...(replacedBy.length > 0 ? { replacedBy } : {}),
  };
}

export interface CurrencyOptions {
  /** Score factor of an episode that states a fact changed since (memory/outdated.ts). */
  outdatedFactor: number;
}

/** Just above the score it must beat: the current fact ranks right above what it replaced. */
const ABOVE = 1e-6;

/**
 * lifts: memory index → a score it must exceed (the current fact above a stale turn that ranked). An outdated
 * memory is scored down, and every memory that replaced what it states is lifted above it.
 */
export function rankMemories(
  corpus: MemoryCorpus,
  plan: QueryPlan,
  query: Pick<RecallQuery, 'timeRange'>,
  types: readonly MemoryType[],
  additive: ReadonlyMap<number, number>,
  currency: CurrencyOptions,
  lifts: ReadonlyMap<number, number> = new Map(),
  limit: number = Number.POSITIVE_INFINITY,
): RankedMemories {
  const lexical = new ScoreAccumulator(corpus.memories.length);
  corpus.lexical.score(plan.terms, lexical);
  let best = 0;
  for (const index of lexical.docs()) if (lexical.get(index) > best) best = lexical.get(index);
  // Lexical share first, then the additive evidence, only where either is (a Map lookup per memory cost more).
  const scores = new Float64Array(corpus.memories.length);
  if (best > 0) for (const index of lexical.docs()) scores[index] = lexical.get(index) / best;
  for (const [index, value] of additive) if (index >= 0 && index < scores.length) scores[index] = scores[index]! + value;
  for (const index of corpus.outdated.keys()) scores[index] = scores[index]! * currency.outdatedFactor;
  for (const [index, floor] of lifts) scores[index] = Math.max(scores[index]!, floor + ABOVE);
  for (const [index, currents] of corpus.outdated) {
    if (scores[index]! <= 0) continue;
    for (const current of currents) scores[current] = Math.max(scores[current]!, scores[index]! + ABOVE);
  }
  const usable = (index: number): boolean => {
    const memory = corpus.memories[index]?.memory;
    return memory !== undefined && scores[index]! > 0 && types.includes(memory.type) && (!query.timeRange || memoryInRange(memory, query.timeRange));
  };
  const candidates: number[] = [];
  for (let index = 0; index < scores.length; index += 1) if (usable(index)) candidates.push(index);
  // Ties in the corpus's tie order (memory-corpus.ts: compareMemories), never by the random id; only the head is sorted.
  const ranked = corpus.top(candidates, scores, limit).map((index) => ({ entry: corpus.memories[index]!, index, score: scores[index]! }));
  return {
    ranked,
    pack(budget) {
      const items: RecallItem[] = [];
      let used = 0;
      for (const { entry, index, score } of ranked) {
        if (used + entry.tokens > budget) continue;
        used += entry.tokens;
        items.push(toItem(corpus, index, score));
      }
      return items;
    },
  };
}
