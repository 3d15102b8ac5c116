import type { Migration } from './migration.ts';

// Caches of a user's memories (the recall view's memory index) must see every change from any process. The
// stamp used to be count(*) and max(updated_at) over the user's active memories, a scan of all of them on every
// recall (~10 ms at 10k memories on PGlite). Now every memory write advances users.memory_stamp as its first
// statement (the users row is locked before any memory row, so writers of one user queue instead of deadlocking),
// and the view reads it with the user row it reads anyway.
export const migration011: Migration = {
  version: 11,
  name: 'memory-stamp',
  statements: [
    `alter table users add column memory_stamp bigint not null default 0`,
    // Users with memories already stored start past 0, so a view built before the upgrade is never taken as current.
    `update users set memory_stamp = 1 where exists (select 1 from memories where memories.user_id = users.user_id)`,
  ],
};
