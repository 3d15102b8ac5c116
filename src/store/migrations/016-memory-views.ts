import type { Migration } from './migration.ts';

// A user's memory view saved for the next process (retrieval/memory-snapshot.ts), beside the turn view (013): at
// 10k memories a cold process read them for ~0.65 s. The bytes hold memory text, so a forget must take them away
// for good: it marks the row (view_key null) in its own transaction, and the file is deleted after the commit, or
// by the next load or open when the process died in between. Derived data: deleted with the user, never archived.
export const migration016: Migration = {
  version: 16,
  name: 'memory-views',
  statements: [
    `create table memory_views (
       user_id text primary key references users (user_id),
       view_key text,
       memory_stamp bigint not null,
       blob_sha256 text not null,
       bytes bigint not null,
       written_at timestamptz not null default now()
     )`,
    `create index memory_views_forgotten on memory_views (user_id) where view_key is null`,
  ],
};
