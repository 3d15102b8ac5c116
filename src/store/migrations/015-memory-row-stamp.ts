import type { Migration } from './migration.ts';

// Every memory write advances the user's memory stamp (011); now the rows it wrote carry that stamp too, as turns
// carry theirs (010). The recall view reads only the memories changed since the stamp it last saw instead of all of
// them (at 10k memories the re-read and the rebuild took ~0.4 s of the first recall after every memory write). Rows
// written before this migration keep 0: a view that saw none of them reads them all.
export const migration015: Migration = {
  version: 15,
  name: 'memory-row-stamp',
  statements: [
    `alter table memories add column stamp bigint not null default 0`,
    `create index memories_changed on memories (user_id, stamp) where stamp > 0`,
  ],
};
