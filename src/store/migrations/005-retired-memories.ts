import type { Migration } from './migration.ts';

// A memory that stops being true without a replacement (a habit given up, a goal reached) is retired, not
// deleted: its row stays as history with valid_to and the turn that retired it (superseded_by_turn_id).
export const migration005: Migration = {
  version: 5,
  name: 'retired-memories',
  statements: [
    `alter table memories drop constraint memories_status_check`,
    `alter table memories add constraint memories_status_check check (status in ('active', 'superseded', 'retired'))`,
  ],
};
