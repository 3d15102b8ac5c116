import { NotFoundError } from '../errors/index.ts';
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
  /**
   * embeddings has pgvector's `vec` copy of each vector (added by any store that has pgvector). A store that does
   * not use it (exact scan) must still empty it when it rewrites a vector, or pgvector stores would search the old one.
   */
  readonly vectorColumn: boolean;
  /** Runs after delete-user commits (outside any transaction; absent inside one): see SqlDriver.scrubDeleted. */
  readonly scrubDeleted?: () => Promise<void>;
}

/** Creates the user row on first use, so callers need not call users.ensure() before every first write. */
/**
 * Holds the user's row for the rest of the transaction (FOR SHARE), or throws NotFoundError: writes that follow a
 * turn in the background (an image's crops, its faces' clusters) must never re-create a user deleted meanwhile, and
 * delete-user (which takes the row FOR UPDATE first) waits for them, or they for it.
 */
export async function requireUserRow(db: SqlExecutor, userId: string): Promise<void> {
  const rows = await db.query('select 1 from users where user_id = $1 for share', [userId]);
  if (rows.length === 0) throw new NotFoundError('user', userId);
}

export async function ensureUserRow(db: SqlExecutor, userId: string): Promise<void> {
  await db.query('insert into users (user_id) values ($1) on conflict (user_id) do nothing', [userId]);
}

/**
 * The first statement of every transaction that writes the user's memories: advances users.memory_stamp (what
 * caches of the memories key on) and locks the user row before any memory row, so two writers of one user queue
 * here instead of locking memory rows in opposite orders. Returns the new stamp, which every memory row the
 * transaction writes carries (memories.stamp): writers queue on the row, so stamps commit in order and a reader
 * that saw stamp S finds every change up to S with `stamp > its last`. `create`: make the user row when it is missing.
 */
export async function advanceMemoryStamp(db: SqlExecutor, userId: string, create: boolean): Promise<number> {
  const rows = await db.query<{ memory_stamp: number | string }>(
    create
      ? 'insert into users (user_id, memory_stamp) values ($1, 1) on conflict (user_id) do update set memory_stamp = users.memory_stamp + 1 returning memory_stamp'
      : 'update users set memory_stamp = memory_stamp + 1 where user_id = $1 returning memory_stamp',
    [userId],
  );
  // No row: the user does not exist, and the statement that follows finds no memory of theirs to change.
  return rows[0] ? Number(rows[0].memory_stamp) : 0;
}

export function withExecutor(context: StoreContext, db: SqlExecutor): StoreContext {
  return { db, blobs: context.blobs, limits: context.limits, capabilities: context.capabilities, vectorColumn: context.vectorColumn };
}
