// The user's live memories that share words with a text, ranked by the same BM25 index recall ranks memories with
// (memory-corpus.ts): the update phase shows them to the model as "Known memories" and weighs a new fact against
// them (add, supersede or no-op). One lexical ranking for both phases: the store's full-text search (ts_rank_cd, no
// inverse document frequency, no length normalisation) ranked a common word as high as a rare one.
import type { MemorySearchQuery } from '../memory/memory-search.ts';
import type { Memory } from '../memory/types.ts';
import type { MemoryCorpus } from './memory-corpus.ts';
import { ScoreAccumulator } from './score-accumulator.ts';
import { lexicalTerms } from './terms.ts';

/** Best first; ties in the corpus's tie order (memory-corpus.ts: compareMemories), never by the random id. */
export function searchMemoryCorpus(corpus: MemoryCorpus, query: MemorySearchQuery): Memory[] {
  const terms = new Map(lexicalTerms(query.text).map((term) => [term, 1]));
  if (terms.size === 0 || query.limit <= 0) return [];
  const lexical = new ScoreAccumulator(corpus.memories.length);
  corpus.lexical.score(terms, lexical);
  const candidates = Array.from(lexical.docs()).filter((index) => {
    const memory = corpus.memories[index]?.memory;
    return memory !== undefined && lexical.get(index) > 0 && query.types.includes(memory.type);
  });
  return corpus.top(candidates, lexical.dense, query.limit).map((index) => corpus.memories[index]!.memory);
}
