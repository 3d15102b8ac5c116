// Consolidation of a new semantic memory against the user's live ones: add, supersede or no-op.
// The paper appends every memory (duplicates and contradictions pile up); these rules keep one live value.
import { contentTokens, jaccard, normalizeSentence, polarityOf, withoutPolarity } from './supersession-text.ts';

export interface ConsolidationCandidate {
  content: string;
  /** Subject slug chosen by the model ("favorite_drink", "pet.dog.name"); same key = same subject. */
  key: string | null;
  /** "fact", "preference", "dislike", "correction", "goal", "remember", "image_object". */
  category: string;
}

export interface ExistingMemory {
  id: string;
  content: string;
  key: string | null;
}

export type ConsolidationDecision =
  | { action: 'add'; reason: string }
  | { action: 'supersede'; targetId: string; reason: string; similarity: number }
  | { action: 'noop'; targetId: string; reason: string; similarity: number };

/** At or above: the same statement worded slightly differently. */
export const DUPLICATE_SIMILARITY = 0.8;
/** At or above: a correction is about this memory. */
export const CORRECTION_SIMILARITY = 0.3;
/** At or above (polarity words removed): same statement with flipped polarity, a contradiction. */
export const CONTRADICTION_SIMILARITY = 0.75;

/**
 * Rules, first match wins:
 * 1. same normalized text → no-op;
 * 2. same key → no-op when near-identical, else supersede (a new value for the same subject);
 * 3. near-identical text (Jaccard ≥ 0.8) → no-op;
 * 4. the same statement with flipped polarity ("likes coffee" / "dislikes coffee") → supersede;
 * 5. a correction → supersede the most similar memory when it shares enough words (≥ 0.3);
 * 6. otherwise add.
 */
export function decideConsolidation(candidate: ConsolidationCandidate, existing: ExistingMemory[]): ConsolidationDecision {
  const normalized = normalizeSentence(candidate.content);
  const tokens = contentTokens(candidate.content);
  // Ties keep the order given (the store's deterministic order), never the random ids': same input, same verdict.
  const scored = existing
    .map((memory, order) => ({ memory, order, similarity: jaccard(tokens, contentTokens(memory.content)) }))
    .sort((a, b) => b.similarity - a.similarity || a.order - b.order);

  for (const { memory, similarity } of scored) {
    if (normalizeSentence(memory.content) === normalized) return { action: 'noop', targetId: memory.id, reason: 'identical', similarity };
  }
  const sameKey = candidate.key ? scored.find((s) => s.memory.key === candidate.key) : undefined;
  if (sameKey) {
    return sameKey.similarity >= DUPLICATE_SIMILARITY
      ? { action: 'noop', targetId: sameKey.memory.id, reason: 'same key, same statement', similarity: sameKey.similarity }
      : { action: 'supersede', targetId: sameKey.memory.id, reason: 'same key, new value', similarity: sameKey.similarity };
  }
  const best = scored[0];
  if (best && best.similarity >= DUPLICATE_SIMILARITY) return { action: 'noop', targetId: best.memory.id, reason: 'near duplicate', similarity: best.similarity };

  const bare = withoutPolarity(tokens);
  for (const { memory, similarity } of scored) {
    const other = contentTokens(memory.content);
    if (bare.size > 0 && polarityOf(other) !== polarityOf(tokens) && jaccard(bare, withoutPolarity(other)) >= CONTRADICTION_SIMILARITY) {
      return { action: 'supersede', targetId: memory.id, reason: 'contradiction', similarity };
    }
  }
  if (candidate.category === 'correction' && best && best.similarity >= CORRECTION_SIMILARITY) {
    return { action: 'supersede', targetId: best.memory.id, reason: 'correction', similarity: best.similarity };
  }
  return { action: 'add', reason: best ? `most similar ${best.similarity.toFixed(2)}` : 'no related memory' };
}
