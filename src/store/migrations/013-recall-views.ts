import type { Migration } from './migration.ts';

// A user's recall view saved for the next process (retrieval/view-snapshot.ts): at 100k turns, a cold start read
// every turn (5 s) and indexed it again (7 s). The bytes go to the user's blob folder (a 50 MB bytea took PGlite
// 14 s to write and 5.6 s to read; the file takes milliseconds) and this row says which blob and for which user
// state. Derived data, keyed by user_id like every user table and deleted with the user; never archived.
export const migration013: Migration = {
  version: 13,
  name: 'recall-views',
  statements: [
    `create table recall_views (
       user_id text primary key references users (user_id),
       view_key text not null,
       blob_sha256 text not null,
       bytes bigint not null,
       written_at timestamptz not null default now()
     )`,
  ],
};
