import type { Migration } from './migration.ts';

// The lemmas of a memory's content and keywords, as the recall view indexes them (retrieval/memory-corpus.ts):
// at 10k memories, running the NLP model over every memory again took ~0.9 s of every cold `recall` and of the
// first recall after any memory changed. The view fills the column the first time it derives them and uses it
// after; a correction clears it. Null: not derived yet.
export const migration014: Migration = {
  version: 14,
  name: 'memory-lemmas',
  statements: ['alter table memories add column lemmas text[]'],
};
