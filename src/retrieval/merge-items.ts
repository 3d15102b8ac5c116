// One ranked list from dialogue windows and memories: reciprocal-rank fusion (k = 60), because their scores
// are on different scales; on a tie the dialogue comes first, since it is the evidence itself.
import type { RecallItem } from './types.ts';

const K = 60;

export function mergeItems(dialogue: readonly RecallItem[], memories: readonly RecallItem[]): RecallItem[] {
  const fused = [
    ...dialogue.map((item, rank) => ({ item, key: 1 / (K + rank), tie: 0 })),
    ...memories.map((item, rank) => ({ item, key: 1 / (K + rank), tie: 1 })),
  ];
  return fused.sort((a, b) => b.key - a.key || a.tie - b.tie).map((entry) => entry.item);
}
