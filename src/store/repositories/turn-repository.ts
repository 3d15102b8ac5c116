import { randomUUID } from 'node:crypto';
import { InvalidInputError, NotFoundError } from '../../errors/index.ts';
import type { EmbeddingVector, NewTurn, Turn, TurnEnrichment } from '../../memory/types.ts';
import type { TurnQuery, TurnRepository } from '../memory-store.ts';
import { toTurn } from '../rows.ts';
import type { StoreContext } from '../store-context.ts';
import { checkId, checkTextSize, enrichmentSchema, externalIdSchema, idSchema, limitSchema, newTurnSchema, parseInput, timeRangeSchema } from '../validation.ts';
import { writeEmbedding } from './embedding-writer.ts';
import { z } from 'zod';

/** Turns one appendMany takes: 1,000 turns × 12 parameters stay far below PostgreSQL's 65,535. */
export const MAX_BATCH_TURNS = 1000;

const turnQuerySchema = z.object({
  sessionId: idSchema.optional(),
  range: timeRangeSchema.optional(),
  afterSeq: z.number().int().min(0).optional(),
  beforeSeq: z.number().int().min(0).optional(),
  role: z.enum(['user', 'assistant']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  limit: limitSchema.optional(),
}).strict();

export class SqlTurnRepository implements TurnRepository {
  readonly #context: StoreContext;

  constructor(context: StoreContext) {
    this.#context = context;
  }

  async append(userId: string, turn: NewTurn): Promise<Turn> {
    return (await this.appendMany(userId, [turn]))[0]!;
  }

  /**
   * One transaction for any number of turns of one session, in a fixed number of statements: the session checked,
   * the images checked, seq reserved once for all of them, one multi-row insert (enrichment included), one
   * session update. The same lock order as every append (users row, then the session), so it never deadlocks one.
   */
  async appendMany(userId: string, turns: readonly NewTurn[]): Promise<Turn[]> {
    checkId(userId, 'user id');
    const inputs = parseInput(z.array(newTurnSchema).min(1).max(MAX_BATCH_TURNS), turns, 'turns');
    const sessionId = inputs[0]!.sessionId;
    if (inputs.some((input) => input.sessionId !== sessionId)) throw new InvalidInputError('appendMany takes the turns of one session; split the batch at each session.');
    for (const input of inputs) {
      checkTextSize(input.text, this.#context.limits.maxTextChars, 'turn text');
      if (input.enrichment) checkTextSize(input.enrichment.imageText, this.#context.limits.maxTextChars, 'enrichment image text');
    }
    const images = [...new Set(inputs.flatMap((input) => input.images ?? []))];
    const lastAt = new Date(Math.max(...inputs.map((input) => input.at.getTime())));
    return this.#context.db.transaction(async (tx) => {
      const session = await tx.query('select 1 from sessions where user_id = $1 and id = $2', [userId, sessionId]);
      if (session.length === 0) throw new NotFoundError('session', sessionId);
      if (images.length > 0) {
        const found = new Set((await tx.query<{ sha256: string }>('select sha256 from images where user_id = $1 and sha256 = any($2::text[])', [userId, images])).map((row) => row.sha256));
        const missing = images.find((sha) => !found.has(sha));
        if (missing) throw new NotFoundError('image', missing);
      }
      // The users row lock serialises concurrent appends of one user, so seq is gap-free and ordered.
      const seq = await tx.query<{ turn_seq: number }>('update users set turn_seq = turn_seq + $2 where user_id = $1 returning turn_seq', [userId, inputs.length]);
      const first = Number(seq[0]!.turn_seq) - inputs.length + 1;
      const params: unknown[] = [userId, sessionId];
      const values = inputs.map((input, index) => {
        const at = params.length;
        params.push(randomUUID(), first + index, input.role, input.speaker ?? null, input.text, input.at, input.images ?? [],
          input.externalId ?? null, JSON.stringify(input.metadata ?? {}), input.enrichment ? JSON.stringify(input.enrichment) : null);
        return `($1, $${at + 1}, $2, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}, $${at + 7}::text[], $${at + 8}, $${at + 9}::jsonb, $${at + 10}::jsonb)`;
      });
      const rows = await tx.query(
        `insert into turns (user_id, id, session_id, seq, role, speaker, text, at, images, external_id, metadata, enrichment)
         values ${values.join(', ')} returning *`,
        params,
      );
      await tx.query(
        `update sessions set last_turn_at = greatest(last_turn_at, $3), turn_count = turn_count + $4
         where user_id = $1 and id = $2`,
        [userId, sessionId, lastAt, inputs.length],
      );
      return rows.map(toTurn).sort((a, b) => a.seq - b.seq);
    });
  }

  async byExternalId(userId: string, externalId: string): Promise<Turn | null> {
    checkId(userId, 'user id');
    const id = parseInput(externalIdSchema, externalId, 'external id');
    // NO KEY UPDATE serialises appends of the user like turn_seq's update does; FOR UPDATE would also wait on the
    // KEY SHARE lock an update job's inserts hold, and deadlock with it (found by the soak test).
    await this.#context.db.query('select 1 from users where user_id = $1 for no key update', [userId]);
    const rows = await this.#context.db.query('select * from turns where user_id = $1 and external_id = $2 order by seq limit 1', [userId, id]);
    return rows[0] ? toTurn(rows[0]) : null;
  }

  async get(userId: string, turnId: string): Promise<Turn | null> {
    checkId(userId, 'user id');
    checkId(turnId, 'turn id');
    const rows = await this.#context.db.query('select * from turns where user_id = $1 and id = $2', [userId, turnId]);
    return rows[0] ? toTurn(rows[0]) : null;
  }

  /** In the order of the ids given; unknown ids are left out. */
  async getMany(userId: string, turnIds: string[]): Promise<Turn[]> {
    checkId(userId, 'user id');
    const ids = parseInput(z.array(idSchema).max(10_000), turnIds, 'turn ids');
    if (ids.length === 0) return [];
    const rows = await this.#context.db.query('select * from turns where user_id = $1 and id = any($2::text[])', [userId, ids]);
    const byId = new Map(rows.map((row) => [String(row.id), toTurn(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async list(userId: string, query: TurnQuery = {}): Promise<Turn[]> {
    checkId(userId, 'user id');
    const q = parseInput(turnQuerySchema, query, 'turn query');
    const rows = await this.#context.db.query(
      `select * from turns where user_id = $1
         and ($2::text is null or session_id = $2)
         and ($3::timestamptz is null or at >= $3)
         and ($4::timestamptz is null or at < $4)
         and ($5::bigint is null or seq > $5)
         and ($6::text is null or role = $6)
         and ($8::bigint is null or seq < $8)
       order by seq ${q.order === 'desc' ? 'desc' : 'asc'}
       limit $7`,
      [userId, q.sessionId ?? null, q.range?.from ?? null, q.range?.to ?? null, q.afterSeq ?? null, q.role ?? null, q.limit ?? null, q.beforeSeq ?? null],
    );
    return rows.map(toTurn);
  }

  async setEnrichment(userId: string, turnId: string, enrichment: TurnEnrichment): Promise<void> {
    checkId(userId, 'user id');
    checkId(turnId, 'turn id');
    const checked = parseInput(enrichmentSchema, enrichment, 'turn enrichment');
    checkTextSize(checked.imageText, this.#context.limits.maxTextChars, 'enrichment image text');
    const rows = await this.#context.db.query(
      'update turns set enrichment = $3::jsonb where user_id = $1 and id = $2 returning 1',
      [userId, turnId, JSON.stringify(checked)],
    );
    if (rows.length === 0) throw new NotFoundError('turn', turnId);
  }

  async setEmbedding(userId: string, turnId: string, embedding: EmbeddingVector): Promise<void> {
    checkId(userId, 'user id');
    checkId(turnId, 'turn id');
    await writeEmbedding(this.#context, userId, 'turns', turnId, embedding);
  }
}
