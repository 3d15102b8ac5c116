// The blob folder of a user is content-addressed and shared by their images and their saved views (recall views,
// memory views): a view's old or unused bytes are removed only when no image holds the same blob.
import type { BlobStore } from '../blob-store.ts';
import type { SqlExecutor } from '../sql-executor.ts';

export async function removeUnlessAnImage(db: SqlExecutor, blobs: BlobStore, userId: string, sha256: string): Promise<void> {
  const images = await db.query('select 1 from images where user_id = $1 and sha256 = $2', [userId, sha256]);
  if (images.length === 0) await blobs.delete(userId, sha256);
}
