import type { Migration } from './migration.ts';

// A user id can be deleted and come back (a new sign-up, an archive imported again). Caches of a user's data
// (the recall view) must not outlive the data they were built from, and created_at cannot tell the two apart:
// an import keeps it. generation is new on every creation, import included (archives leave it out).
export const migration007: Migration = {
  version: 7,
  name: 'user-generation',
  statements: [`alter table users add column generation text not null default gen_random_uuid()::text`],
};
