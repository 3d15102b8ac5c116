import type { Migration } from './migration.ts';

// Nothing searches with PostgreSQL full-text any more: recall and the update phase rank with one in-process BM25
// (retrieval/), which has the inverse document frequency and length normalisation ts_rank_cd lacks. The generated
// tsvector columns and their GIN indexes were kept up to date on every write for no reader: on PGlite they were a
// third of a batched import's time (1,061 → 1,556 turns/s without them, LoCoMo dev, same run) and most of the
// one-turn path's disk (7.7 → 1.5 MiB per 1,000 turns).
export const migration012: Migration = {
  version: 12,
  name: 'no-full-text',
  statements: [
    // Dropping a column drops the indexes over it (turns_text, memories_text).
    `alter table turns drop column tsv`,
    `alter table memories drop column tsv`,
  ],
};
