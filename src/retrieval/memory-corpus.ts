// The user's live memories (semantic, episodic, procedural) as BM25 documents over content + keywords.
// Memories change in place (edits, supersession), which an append-only index cannot follow, so the view is
// rebuilt whenever the set or the newest updatedAt differs; a user holds hundreds of memories, not millions.
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
  readonly stamp: string;

  constructor(memories: readonly Memory[], timeZone: string = UTC) {
    this.stamp = MemoryCorpus.stampOf(memories);
    this.memories = memories.map((memory) => {
      const text = renderMemory(memory, timeZone);
      return { memory, text, tokens: countTokens(text) };
    });
    this.memories.forEach((entry, index) =>
      this.lexical.add(index, lexicalTerms(`${entry.memory.content} ${entry.memory.keywords.join(' ')}`)),
    );
  }

  /** Changes when a memory is added, removed, edited or superseded. */
  static stampOf(memories: readonly Memory[]): string {
    const newest = memories.reduce((max, memory) => Math.max(max, memory.updatedAt.getTime()), 0);
    return `${memories.length}:${newest}`;
  }
}
