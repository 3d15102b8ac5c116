// One ranked list from dialogue windows and memories: reciprocal-rank fusion (k = 60, tuning.ts), because their scores
// are on different scales; on a tie the dialogue comes first, since it is the evidence itself.
import type { RecallItem } from './types.ts';

export function mergeItems(dialogue: readonly RecallItem[], memories: readonly RecallItem[], k: number): RecallItem[] {
  const fused = [
    ...dialogue.map((item, rank) => ({ item, key: 1 / (k + rank), tie: 0 })),
    ...memories.map((item, rank) => ({ item, key: 1 / (k + rank), tie: 1 })),
  ];
  return currentFirst(fused.sort((a, b) => b.key - a.key || a.tie - b.tie).map((entry) => entry.item));
}

/** Moves each current memory right before the first item that states what it replaced (retrieval/currency.ts). */
function currentFirst(items: RecallItem[]): RecallItem[] {
  const out = [...items];
  for (let position = 0; position < out.length; position += 1) {
    for (const id of out[position]!.replacedBy ?? []) {
      const later = out.findIndex((item, at) => at > position && item.source !== 'dialogue' && item.id === id);
      if (later === -1) continue;
      const [current] = out.splice(later, 1);
      out.splice(position, 0, current!);
      position += 1;
    }
  }
  return out;
}
