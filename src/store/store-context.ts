import type { BlobStore } from './blob-store.ts';
import type { StoreLimits } from './limits.ts';
import type { StoreCapabilities } from './memory-store.ts';
import type { SqlExecutor } from './sql-executor.ts';

/**
 * What every repository needs. The store's own context throws a StoreError until open() has run; a
 * transaction's context carries the transaction's executor instead of the pool's.
 */
export interface StoreContext {
  readonly db: SqlExecutor;
  readonly blobs: BlobStore;
  readonly limits: StoreLimits;
  readonly capabilities: StoreCapabilities;
}

/** Creates the user row on first use, so callers need not call users.ensure() before every first write. */
export async function ensureUserRow(db: SqlExecutor, userId: string): Promise<void> {
  await db.query('insert into users (user_id) values ($1) on conflict (user_id) do nothing', [userId]);
}

export function withExecutor(context: StoreContext, db: SqlExecutor): StoreContext {
  return { db, blobs: context.blobs, limits: context.limits, capabilities: context.capabilities };
}
