import { NotFoundError } from '../../errors/index.ts';
import type { User } from '../../memory/types.ts';
import type { DeleteUserReport, UserRepository } from '../memory-store.ts';
import { toUser } from '../rows.ts';
import type { StoreContext } from '../store-context.ts';
import { USER_KEYED_TABLES } from '../tables.ts';
import { checkId, parseInput } from '../validation.ts';
import { z } from 'zod';

const metadataSchema = z.record(z.string(), z.unknown());

export class SqlUserRepository implements UserRepository {
  readonly #context: StoreContext;

  constructor(context: StoreContext) {
    this.#context = context;
  }

  async ensure(userId: string, metadata?: Record<string, unknown>): Promise<User> {
    checkId(userId, 'user id');
    const checked = metadata === undefined ? null : parseInput(metadataSchema, metadata, 'user metadata');
    // New metadata keys are merged into what is stored; an ensure without metadata writes nothing (no new row
    // version, no lock), and reads the row instead.
    const rows = await this.#context.db.query(
      `insert into users (user_id, metadata) values ($1, coalesce($2::jsonb, '{}'))
       on conflict (user_id) do update set metadata = users.metadata || excluded.metadata where $2::jsonb is not null
       returning *`,
      [userId, checked === null ? null : JSON.stringify(checked)],
    );
    if (rows[0]) return toUser(rows[0]);
    const stored = await this.#context.db.query('select * from users where user_id = $1', [userId]);
    return toUser(stored[0]!);
  }

  async get(userId: string): Promise<User | null> {
    checkId(userId, 'user id');
    const rows = await this.#context.db.query('select * from users where user_id = $1', [userId]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async list(): Promise<User[]> {
    return (await this.#context.db.query('select * from users order by user_id')).map(toUser);
  }

  async delete(userId: string): Promise<DeleteUserReport> {
    checkId(userId, 'user id');
    const { db, blobs } = this.#context;
    const rowsDeleted: Record<string, number> = {};
    await db.transaction(async (tx) => {
      // The user's row first: writers that hold it (an image being stored, faces being clustered) finish before,
      // and any that come after find no user (store-context.ts requireUserRow) instead of re-creating it.
      await tx.query('select 1 from users where user_id = $1 for update', [userId]);
      for (const table of [...USER_KEYED_TABLES].reverse()) {
        const rows = await tx.query<{ n: number }>(
          `with gone as (delete from ${table} where user_id = $1 returning 1) select count(*)::int as n from gone`,
          [userId],
        );
        rowsDeleted[table] = Number(rows[0]!.n);
      }
    });
    // Blobs go after the rows commit: a crash in between leaves orphan bytes (found below), never rows
    // pointing at missing bytes.
    const blobsDeleted = await blobs.deleteUser(userId);
    await this.#context.scrubDeleted?.();
    if (blobsDeleted === 0 && Object.values(rowsDeleted).every((n) => n === 0)) {
      throw new NotFoundError('user', userId);
    }
    const leftovers: string[] = [];
    for (const table of USER_KEYED_TABLES) {
      const rows = await db.query<{ n: number }>(`select count(*)::int as n from ${table} where user_id = $1`, [userId]);
      if (Number(rows[0]!.n) > 0) leftovers.push(`${table}: ${rows[0]!.n} rows`);
    }
    const blobsLeft = await blobs.list(userId);
    if (blobsLeft.length > 0) leftovers.push(`blobs: ${blobsLeft.length} files`);
    return { userId, rowsDeleted, blobsDeleted, leftovers };
  }
}
