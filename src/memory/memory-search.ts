// The port through which the update phase finds the user's memories related to a text (its "Known memories" and a
// new fact's supersession candidates). The retrieval engine implements it with the BM25 ranking recall uses
// (retrieval/memory-search.ts), so both phases rank memories the same way.
import type { Memory, MemoryType } from './types.ts';

export interface MemorySearchQuery {
  /** Free text; its content words are searched, each once. */
  text: string;
  types: readonly MemoryType[];
  limit: number;
}

export interface MemorySearch {
  /** The user's active memories of those types that share words with the text, best first; at most `limit`. */
  related(userId: string, query: MemorySearchQuery): Promise<Memory[]>;
}
