// Saved memory views (retrieval/memory-snapshot.ts), one per user, stored like the turn views (recall-view-
// repository.ts): bytes in the user's blob folder under their sha256, a row saying which blob, under which key and
// at which memory stamp. Unlike a turn view they hold text a user can take back (forget), so:
// - a save is kept only while the user's memory stamp is still the one the view was read at (checked under the
//   user's row, which every memory write locks): a view read before a forget is never saved after it;
// - a forget marks the row forgotten in its own transaction (discardSaved), so no reader takes the blob after the
//   commit, and deletes the file after it (deleteForgotten); a process that dies in between leaves the mark, and
//   the next load for that user, or the next open of the store (sweepForgotten), deletes the file.
import type { MemoryViewRepository, SavedMemoryView } from '../memory-store.ts';
import type { SqlExecutor } from '../sql-executor.ts';
import type { StoreContext } from '../store-context.ts';
import { checkId } from '../validation.ts';
import { removeUnlessAnImage, saveViewBlob } from './view-blobs.ts';

interface ViewRow {
  view_key: string | null;
  memory_stamp: string | number;
  blob_sha256: string;
  [column: string]: unknown;
}

/** Inside a forget's transaction: the saved view (which may hold the forgotten text) is unreadable once it commits. */
export async function discardSavedMemoryView(tx: SqlExecutor, userId: string): Promise<void> {
  await tx.query('update memory_views set view_key = null where user_id = $1', [userId]);
}

/** After the commit of a forget (or found later): the marked view's file, then its row. */
export async function deleteForgottenMemoryView(context: Pick<StoreContext, 'db' | 'blobs'>, userId: string): Promise<void> {
  const rows = await context.db.query<ViewRow>('select blob_sha256 from memory_views where user_id = $1 and view_key is null', [userId]);
  const row = rows[0];
  if (!row) return;
  await removeUnlessAnImage(context.db, context.blobs, userId, row.blob_sha256);
  await context.db.query('delete from memory_views where user_id = $1 and view_key is null and blob_sha256 = $2', [userId, row.blob_sha256]);
}

/** At open: the files of views forgotten by a process that died before deleting them. */
export async function sweepForgottenMemoryViews(context: Pick<StoreContext, 'db' | 'blobs'>): Promise<number> {
  const rows = await context.db.query<{ user_id: string }>('select user_id from memory_views where view_key is null /* all users: forgotten views left by a crash */');
  for (const row of rows) await deleteForgottenMemoryView(context, row.user_id);
  return rows.length;
}

export class SqlMemoryViewRepository implements MemoryViewRepository {
  readonly #context: StoreContext;

  constructor(context: StoreContext) {
    this.#context = context;
  }

  async load(userId: string): Promise<SavedMemoryView | null> {
    checkId(userId, 'user id');
    const rows = await this.#context.db.query<ViewRow>('select view_key, memory_stamp, blob_sha256 from memory_views where user_id = $1', [userId]);
    const row = rows[0];
    if (!row) return null;
    if (row.view_key === null) {
      await deleteForgottenMemoryView(this.#context, userId);
      return null;
    }
    const data = await this.#context.blobs.get(userId, row.blob_sha256);
    return data ? { key: row.view_key, memoryStamp: Number(row.memory_stamp), data } : null;
  }

  save(userId: string, view: SavedMemoryView): Promise<boolean> {
    checkId(userId, 'user id');
    return saveViewBlob(this.#context, 'memory_views', userId, view.data, (sha256) => this.#pointAt(userId, view, sha256));
  }

  #pointAt(userId: string, view: SavedMemoryView, sha256: string): Promise<{ saved: boolean; previous: string | null }> {
    return this.#context.db.transaction(async (tx) => {
      // Memory writes (forget among them) advance the stamp on this row: holding it, the stamp cannot move under us.
      const user = await tx.query<{ memory_stamp: string | number }>('select memory_stamp from users where user_id = $1 for share', [userId]);
      if (!user[0] || Number(user[0].memory_stamp) !== view.memoryStamp) return { saved: false, previous: null };
      const old = await tx.query<ViewRow>('select view_key, memory_stamp, blob_sha256 from memory_views where user_id = $1 for update', [userId]);
      await tx.query(
        `insert into memory_views (user_id, view_key, memory_stamp, blob_sha256, bytes) values ($1, $2, $3, $4, $5)
         on conflict (user_id) do update set view_key = excluded.view_key, memory_stamp = excluded.memory_stamp,
           blob_sha256 = excluded.blob_sha256, bytes = excluded.bytes, written_at = now()`,
        [userId, view.key, view.memoryStamp, sha256, view.data.byteLength],
      );
      return { saved: true, previous: old[0]?.blob_sha256 ?? null };
    });
  }
}
