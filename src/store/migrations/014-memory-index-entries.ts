import type { Migration } from './migration.ts';

// What the recall view derives from a memory to index it (retrieval/memory-corpus.ts: the lexical terms of its
// content and keywords, the tokens of its rendered item), stored with the memory: at 10k memories, deriving them
// again (the NLP model, the stemmer, the tokenizer) took ~1 s of every cold `recall` and of the first recall after
// any memory changed. The view writes it the first time and reads it after; a view of another derivation version
// or time zone derives again. Null: not derived yet, or the memory changed since.
export const migration014: Migration = {
  version: 14,
  name: 'memory-index-entries',
  statements: ['alter table memories add column index_entry jsonb'],
};
