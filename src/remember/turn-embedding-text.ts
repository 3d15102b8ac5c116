// What a turn's text vector is made of: what was said and the words read from its images (OCR, objects,
// captions), so a photo of a sign is found by what the sign says. recordTurn and re-embedding share it, so a
// re-embedded turn gets the vector recordTurn would have given it.
import type { Turn } from '../memory/types.ts';

export function turnEmbeddingText(turn: Pick<Turn, 'text' | 'enrichment'>): string {
  return [turn.text, turn.enrichment?.imageText ?? '']
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join('\n');
}
