// Semantic, episodic and procedural memories ranked by BM25 (plus vector similarity when configured), filtered
// by type and time range, and packed greedily within their share of the budget. Their text is the content.
import type { MemoryType } from '../memory/types.ts';
import type { IndexedMemory, MemoryCorpus } from './memory-corpus.ts';
import type { QueryPlan } from './query-plan.ts';
import { memoryInRange } from './time-filter.ts';
import type { RecallItem, RecallQuery } from './types.ts';

export interface RankedMemories {
  ranked: { entry: IndexedMemory; score: number }[];
  pack(budget: number): RecallItem[];
}

function toItem(entry: IndexedMemory, score: number): RecallItem {
  const { memory } = entry;
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
  };
}

export function rankMemories(
  corpus: MemoryCorpus,
  plan: QueryPlan,
  query: Pick<RecallQuery, 'timeRange'>,
  types: readonly MemoryType[],
  additive: ReadonlyMap<number, number>,
): RankedMemories {
  const lexical = corpus.lexical.score(plan.terms);
  const best = Math.max(0, ...lexical.values());
  const ranked = corpus.memories
    .map((entry, index) => ({ entry, score: (best > 0 ? (lexical.get(index) ?? 0) / best : 0) + (additive.get(index) ?? 0) }))
    .filter(({ entry, score }) => score > 0 && types.includes(entry.memory.type))
    .filter(({ entry }) => !query.timeRange || memoryInRange(entry.memory, query.timeRange))
    .sort((a, b) => b.score - a.score || a.entry.memory.id.localeCompare(b.entry.memory.id));
  return {
    ranked,
    pack(budget) {
      const items: RecallItem[] = [];
      let used = 0;
      for (const { entry, score } of ranked) {
        if (used + entry.tokens > budget) continue;
        used += entry.tokens;
        items.push(toItem(entry, score));
      }
      return items;
    },
  };
}
