// Saved recall views (retrieval/view-snapshot.ts), one per user: the bytes in the user's blob folder under their
// sha256, this table saying which blob holds the view and the key of the user state it reflects. A save writes
// the new blob, then points the row at it, then removes the old blob, so a reader finds a whole view or none.
import type { RecallViewRepository, SavedRecallView } from '../memory-store.ts';
import type { StoreContext } from '../store-context.ts';
import { checkId } from '../validation.ts';
import { saveViewBlob } from './view-blobs.ts';

interface ViewRow {
  view_key: string;
  blob_sha256: string;
  [column: string]: unknown;
}

export class SqlRecallViewRepository implements RecallViewRepository {
  readonly #context: StoreContext;

  constructor(context: StoreContext) {
    this.#context = context;
  }

  async load(userId: string): Promise<SavedRecallView | null> {
    checkId(userId, 'user id');
    const rows = await this.#context.db.query<ViewRow>('select view_key, blob_sha256 from recall_views where user_id = $1', [userId]);
    const row = rows[0];
    if (!row) return null;
    const data = await this.#context.blobs.get(userId, row.blob_sha256);
    return data ? { key: row.view_key, data } : null;
  }

  async save(userId: string, view: SavedRecallView): Promise<void> {
    checkId(userId, 'user id');
    await saveViewBlob(this.#context, 'recall_views', userId, view.data, async (sha256) => ({ saved: true, previous: await this.#pointAt(userId, view, sha256) }));
  }

  async #pointAt(userId: string, view: SavedRecallView, sha256: string): Promise<string | null> {
    return this.#context.db.transaction(async (tx) => {
      const old = await tx.query<ViewRow>('select view_key, blob_sha256 from recall_views where user_id = $1 for update', [userId]);
      await tx.query(
        `insert into recall_views (user_id, view_key, blob_sha256, bytes) values ($1, $2, $3, $4)
         on conflict (user_id) do update set view_key = excluded.view_key, blob_sha256 = excluded.blob_sha256, bytes = excluded.bytes, written_at = now()`,
        [userId, view.key, sha256, view.data.byteLength],
      );
      return old[0]?.blob_sha256 ?? null;
    });
  }
}
