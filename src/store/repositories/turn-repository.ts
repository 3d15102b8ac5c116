import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../../errors/index.ts';
import type { EmbeddingVector, NewTurn, Turn, TurnEnrichment } from '../../memory/types.ts';
import type { TurnQuery, TurnRepository } from '../memory-store.ts';
import { toTurn } from '../rows.ts';
import type { StoreContext } from '../store-context.ts';
import { checkId, checkTextSize, enrichmentSchema, externalIdSchema, idSchema, limitSchema, newTurnSchema, parseInput, timeRangeSchema } from '../validation.ts';
import { writeEmbedding } from './embedding-writer.ts';
import { z } from 'zod';

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
    checkId(userId, 'user id');
    const input = parseInput(newTurnSchema, turn, 'turn');
    checkTextSize(input.text, this.#context.limits.maxTextChars, 'turn text');
    const images = input.images ?? [];
    return this.#context.db.transaction(async (tx) => {
      const session = await tx.query('select 1 from sessions where user_id = $1 and id = $2', [userId, input.sessionId]);
      if (session.length === 0) throw new NotFoundError('session', input.sessionId);
      if (images.length > 0) {
        const found = await tx.query<{ sha256: string }>('select sha256 from images where user_id = $1 and sha256 = any($2::text[])', [userId, images]);
        const missing = images.find((sha) => !found.some((row) => row.sha256 === sha));
        if (missing) throw new NotFoundError('image', missing);
      }
      // The users row lock serialises concurrent appends of one user, so seq is gap-free and ordered.
      const seq = await tx.query<{ turn_seq: number }>('update users set turn_seq = turn_seq + 1 where user_id = $1 returning turn_seq', [userId]);
      const rows = await tx.query(
        `insert into turns (user_id, id, session_id, seq, role, speaker, text, at, images, external_id, metadata)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10, $11::jsonb) returning *`,
        [userId, randomUUID(), input.sessionId, seq[0]!.turn_seq, input.role, input.speaker ?? null, input.text, input.at,
          images, input.externalId ?? null, JSON.stringify(input.metadata ?? {})],
      );
      await tx.query(
        `update sessions set last_turn_at = greatest(last_turn_at, $3), turn_count = turn_count + 1
         where user_id = $1 and id = $2`,
        [userId, input.sessionId, input.at],
      );
      return toTurn(rows[0]!);
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
