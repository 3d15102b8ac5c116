import { StoreError } from '../../errors/index.ts';
import type { PersonalityPoint } from '../../memory/types.ts';
import { BIG_FIVE_TRAITS } from '../../memory/types.ts';
import type { PersonalityRepository } from '../memory-store.ts';
import { toPersonalityPoint } from '../rows.ts';
import { ensureUserRow, type StoreContext } from '../store-context.ts';
import { checkId, parseInput, personalityPointSchema } from '../validation.ts';

const TRAIT_COLUMNS = BIG_FIVE_TRAITS.join(', ');
const INFERRED_COLUMNS = BIG_FIVE_TRAITS.map((trait) => `inferred_${trait}`).join(', ');

/** Two updates computed point n from the same point n − 1; the later one must recompute from the newer point. */
export class PersonalityConflictError extends StoreError {
  constructor(userId: string, interactions: number, storedTurnId: string | null, turnId: string | null) {
    super(`Personality point ${interactions} of user "${userId}" was already written for turn ${storedTurnId} while turn ${turnId} computed it; its update is retried on the newer point.`, {
      isRetryable: true,
      details: { userId, interactions, storedTurnId, turnId },
    });
  }
}

export class SqlPersonalityRepository implements PersonalityRepository {
  readonly #context: StoreContext;

  constructor(context: StoreContext) {
    this.#context = context;
  }

  /**
   * Idempotent per interaction count and turn: a retried update job that appends the same n for the same turn gets
   * the stored point back instead of a second, diverging one. Point n written for ANOTHER turn means two updates
   * raced (both read n − 1): a retryable conflict, so the job runs again on the newer point instead of losing its own.
   */
  async append(userId: string, point: Omit<PersonalityPoint, 'userId'>): Promise<PersonalityPoint> {
    checkId(userId, 'user id');
    const p = parseInput(personalityPointSchema, point, 'personality point');
    const traits = BIG_FIVE_TRAITS.map((trait) => p.traits[trait]);
    const inferred = BIG_FIVE_TRAITS.map((trait) => p.inferred?.[trait] ?? null);
    return this.#context.db.transaction(async (tx) => {
      await ensureUserRow(tx, userId);
      await tx.query(
        `insert into personality (user_id, interactions, turn_id, at, ${TRAIT_COLUMNS}, ${INFERRED_COLUMNS})
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         on conflict (user_id, interactions) do nothing`,
        [userId, p.interactions, p.turnId, p.at, ...traits, ...inferred],
      );
      const rows = await tx.query('select * from personality where user_id = $1 and interactions = $2', [userId, p.interactions]);
      const stored = toPersonalityPoint(rows[0]!);
      if (stored.turnId !== p.turnId) {
        throw new PersonalityConflictError(userId, p.interactions, stored.turnId, p.turnId);
      }
      return stored;
    });
  }

  async latest(userId: string): Promise<PersonalityPoint | null> {
    checkId(userId, 'user id');
    const rows = await this.#context.db.query(
      'select * from personality where user_id = $1 order by interactions desc limit 1', [userId]);
    return rows[0] ? toPersonalityPoint(rows[0]) : null;
  }

  async history(userId: string): Promise<PersonalityPoint[]> {
    checkId(userId, 'user id');
    const rows = await this.#context.db.query('select * from personality where user_id = $1 order by interactions', [userId]);
    return rows.map(toPersonalityPoint);
  }
}
