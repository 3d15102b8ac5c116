import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../../errors/index.ts';
import type { Session, Period } from '../../memory/types.ts';
import type { SessionRepository } from '../memory-store.ts';
import { toSession } from '../rows.ts';
import type { StoreContext } from '../store-context.ts';
import { checkId, dateSchema, parseInput, periodSchema } from '../validation.ts';

export class SqlSessionRepository implements SessionRepository {
  readonly #context: StoreContext;

  constructor(context: StoreContext) {
    this.#context = context;
  }

  async create(userId: string, startedAt: Date): Promise<Session> {
    checkId(userId, 'user id');
    parseInput(dateSchema, startedAt, 'session start');
    // The user row and the session in one statement (a round trip per session of an import, not four): the
    // foreign key is checked at the statement's end, when the user row the CTE made is there.
    const rows = await this.#context.db.query(
      `with ensured as (
         insert into users (user_id) values ($1) on conflict (user_id) do nothing
       )
       insert into sessions (user_id, id, started_at, last_turn_at) values ($1, $2, $3, $3) returning *`,
      [userId, randomUUID(), startedAt],
    );
    return toSession(rows[0]!);
  }

  async get(userId: string, sessionId: string): Promise<Session | null> {
    checkId(userId, 'user id');
    checkId(sessionId, 'session id');
    const rows = await this.#context.db.query('select * from sessions where user_id = $1 and id = $2', [userId, sessionId]);
    return rows[0] ? toSession(rows[0]) : null;
  }

  async current(userId: string): Promise<Session | null> {
    checkId(userId, 'user id');
    const rows = await this.#context.db.query(
      'select * from sessions where user_id = $1 and closed_at is null order by started_at desc, id desc limit 1',
      [userId],
    );
    return rows[0] ? toSession(rows[0]) : null;
  }

  async close(userId: string, sessionId: string, closedAt: Date): Promise<Session> {
    checkId(userId, 'user id');
    checkId(sessionId, 'session id');
    parseInput(dateSchema, closedAt, 'session close time');
    // Closing twice keeps the first close time: a retried session-end job must not move it.
    const rows = await this.#context.db.query(
      'update sessions set closed_at = coalesce(closed_at, $3) where user_id = $1 and id = $2 returning *',
      [userId, sessionId, closedAt],
    );
    if (!rows[0]) throw new NotFoundError('session', sessionId);
    return toSession(rows[0]);
  }

  async list(userId: string, range?: Period): Promise<Session[]> {
    checkId(userId, 'user id');
    const checked = range ? parseInput(periodSchema, range, 'time range') : { from: null, to: null };
    // A session overlaps the range when it started before its end and its last turn is not before its start.
    const rows = await this.#context.db.query(
      `select * from sessions where user_id = $1
         and ($2::timestamptz is null or last_turn_at >= $2)
         and ($3::timestamptz is null or started_at < $3)
       order by started_at, id`,
      [userId, checked.from, checked.to],
    );
    return rows.map(toSession);
  }
}
