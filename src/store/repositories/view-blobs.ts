// The blob folder of a user is content-addressed and shared by their images and their saved views (recall views,
// memory views): a view's old or unused bytes are removed only when no image holds the same blob.
import { createHash } from 'node:crypto';
import type { BlobStore } from '../blob-store.ts';
import type { SqlExecutor } from '../sql-executor.ts';
import type { StoreContext } from '../store-context.ts';
import type { DERIVED_TABLES } from '../tables.ts';

export async function removeUnlessAnImage(db: SqlExecutor, blobs: BlobStore, userId: string, sha256: string): Promise<void> {
  const images = await db.query('select 1 from images where user_id = $1 and sha256 = $2', [userId, sha256]);
  if (images.length === 0) await blobs.delete(userId, sha256);
}

/**
 * A save of a user's view (recall_views, memory_views): the bytes written under their sha256, then `point` (a
 * transaction) points the user's row at them and says whether it kept them and which blob it replaced, then the
 * replaced blob is removed, so a reader finds a whole view or none. Bytes never pointed at (refused, or the point
 * failed: the user deleted meanwhile) hold the user's text and are removed, unless a row already points at the same
 * bytes; a failure's own error is what the caller gets. True when kept.
 */
export async function saveViewBlob(
  context: Pick<StoreContext, 'db' | 'blobs'>,
  table: (typeof DERIVED_TABLES)[number],
  userId: string,
  data: Uint8Array,
  point: (sha256: string) => Promise<{ saved: boolean; previous: string | null }>,
): Promise<boolean> {
  const sha256 = createHash('sha256').update(data).digest('hex');
  await context.blobs.put(userId, sha256, data);
  const removeUnpointed = async (): Promise<void> => {
    const pointed = await context.db.query(`select 1 from ${table} where user_id = $1 and blob_sha256 = $2`, [userId, sha256]).catch(() => [1]);
    if (pointed.length === 0) await removeUnlessAnImage(context.db, context.blobs, userId, sha256);
  };
  let outcome: { saved: boolean; previous: string | null };
  try {
    outcome = await point(sha256);
  } catch (error) {
    await removeUnpointed().catch(() => undefined);
    throw error;
  }
  if (!outcome.saved) {
    await removeUnpointed();
    return false;
  }
  if (outcome.previous && outcome.previous !== sha256) await removeUnlessAnImage(context.db, context.blobs, userId, outcome.previous);
  return true;
}
