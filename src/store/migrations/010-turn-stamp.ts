import type { Migration } from './migration.ts';

// A turn's enrichment changes after its transaction (the OCR and objects of its photos land a moment later; a
// person is named). Caches of the user's turns (the recall view) index a turn once, by seq: they read the user's
// turn_stamp, and re-index the turns whose stamp is newer than the one they last saw, from any process.
export const migration010: Migration = {
  version: 10,
  name: 'turn-stamp',
  statements: [
    `alter table users add column turn_stamp bigint not null default 0`,
    `alter table turns add column stamp bigint not null default 0`,
    `create index turns_changed on turns (user_id, stamp) where stamp > 0`,
  ],
};
