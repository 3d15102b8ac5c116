// The user's live memories (semantic, episodic, procedural) as BM25 documents over content + keywords.
// Memories change in place (edits, supersession), which an append-only index cannot follow, so the view is
// rebuilt whenever the store's stamp (count and newest updatedAt) differs; a user holds hundreds of memories, not millions.
import { UTC } from '../memory/time-zone.ts';
import type { Memory } from '../memory/types.ts';
import { Bm25Index } from './bm25.ts';
import { renderMemory } from './render.ts';
import { lexicalTerms } from './terms.ts';
import { countTokens } from './token-count.ts';

export interface IndexedMemory {
  memory: Memory;
  text: string;
  tokens: number;
}

export class MemoryCorpus {
  readonly memories: IndexedMemory[];
  readonly lexical = new Bm25Index<number>();
  /** Memory id → its index in `memories`, for vector hits (built once here, not on every recall). */
  readonly indexById = new Map<string, number>();
  /** The store's stamp (MemoryRepository.stamp) the memories were read under; '' when none, so it never matches. */
  readonly stamp: string;

  constructor(memories: readonly Memory[], timeZone: string = UTC, stamp: string = '') {
    this.stamp = stamp;
    this.memories = memories.map((memory) => {
      const text = renderMemory(memory, timeZone);
      return { memory, text, tokens: countTokens(text) };
    });
    this.memories.forEach((entry, index) => {
      this.indexById.set(entry.memory.id, index);
      this.lexical.add(index, lexicalTerms(`${entry.memory.content} ${entry.memory.keywords.join(' ')}`));
    });
  }
}
