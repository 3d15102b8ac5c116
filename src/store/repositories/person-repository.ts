import { NotFoundError } from '../../errors/index.ts';
import type { Person } from '../../memory/types.ts';
import type { PersonClusterInput, PersonRepository } from '../memory-store.ts';
import { toPerson } from '../rows.ts';
import { requireUserRow, type StoreContext } from '../store-context.ts';
import { checkId, parseInput, personClusterSchema, personNameSchema } from '../validation.ts';

export class SqlPersonRepository implements PersonRepository {
  readonly #context: StoreContext;

  constructor(context: StoreContext) {
    this.#context = context;
  }

  async list(userId: string, options: { lock?: boolean } = {}): Promise<Person[]> {
    checkId(userId, 'user id');
    const db = this.#context.db;
    if (options.lock) {
      // The user row is the lock: it exists for every user with data, and delete-user takes it too. A user deleted
      // meanwhile is not re-created: the caller (clustering an image's faces) fails with NotFoundError.
      // NO KEY UPDATE, not UPDATE: it must not wait on the KEY SHARE locks every insert of the user's rows takes.
      const rows = await db.query('select 1 from users where user_id = $1 for no key update', [userId]);
      if (rows.length === 0) throw new NotFoundError('user', userId);
    }
    const rows = await db.query('select * from persons where user_id = $1 order by id', [userId]);
    return rows.map(toPerson);
  }

  async upsertMany(userId: string, persons: PersonClusterInput[]): Promise<void> {
    checkId(userId, 'user id');
    const parsed = persons.map((person, index) => parseInput(personClusterSchema, person, `person ${index}`));
    if (parsed.length === 0) return;
    await this.#context.db.transaction(async (tx) => {
      await requireUserRow(tx, userId);
      for (const person of parsed) {
        await tx.query(
          `insert into persons (user_id, id, centroid, count) values ($1, $2, $3, $4)
           on conflict (user_id, id) do update set centroid = excluded.centroid, count = excluded.count, updated_at = now()`,
          [userId, person.id, person.centroid, person.count],
        );
      }
    });
  }

  async rename(userId: string, personId: string, name: string | null): Promise<Person> {
    checkId(userId, 'user id');
    checkId(personId, 'person id');
    const value = parseInput(personNameSchema, name, 'person name');
    const rows = await this.#context.db.query(
      'update persons set name = $3, updated_at = now() where user_id = $1 and id = $2 returning *', [userId, personId, value]);
    if (!rows[0]) throw new NotFoundError('person', personId);
    return toPerson(rows[0]);
  }
}
