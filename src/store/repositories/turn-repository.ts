import { randomUUID } from 'node:crypto';
import { InvalidInputError, NotFoundError, StoreError } from '../../errors/index.ts';
import type { EmbeddingVector, NewTurn, Turn, TurnEnrichment } from '../../memory/types.ts';
import type { TurnQuery, TurnRepository } from '../memory-store.ts';
import { toTurn } from '../rows.ts';
import type { StoreContext } from '../store-context.ts';
import { checkId, checkTextSize, enrichmentSchema, externalIdSchema, idSchema, limitSchema, newTurnSchema, parseInput, periodSchema } from '../validation.ts';
import { writeEmbedding } from './embedding-writer.ts';
import { z } from 'zod';

/** Turns one appendMany takes: 1,000 turns × 12 parameters stay far below PostgreSQL's 65,535. */
export const MAX_BATCH_TURNS = 1000;

// Built once: a zod schema costs 10–40 µs to build, paid per call (per live turn) when built inline.
const newTurnsSchema = z.array(newTurnSchema).min(1).max(MAX_BATCH_TURNS);
type NewTurnInput = z.infer<typeof newTurnSchema>;
interface SentTurn {
  id: string;
  metadata: string;
  enrichment: string | null;
}

/** Batches from this many turns go through the engine's bulk path where it has one (a live turn, a short batch and any batch on a server: one statement). */
const BULK_MIN_TURNS = 16;

const TURN_COLUMNS: readonly string[] = ['user_id', 'id', 'session_id', 'seq', 'role', 'speaker', 'text', 'at', 'images', 'external_id', 'metadata', 'enrichment'];

/**
 * $1 user, $2 session, $3 turns, $4 the latest time among them: the user's seq advanced once for all of them (its
 * row lock serialises a user's appends, so seq is gap-free and ordered) and the session's last time and count
 * bumped, both only when the session exists. `seq` yields the base (nothing when the session is missing).
 */
const RESERVE_SEQ = `session as (
         select 1 from sessions where user_id = $1 and id = $2
       ), seq as (
         update users set turn_seq = turn_seq + $3::int where user_id = $1 and exists (select 1 from session)
         returning turn_seq - $3::int as base
       ), bumped as (
         update sessions set last_turn_at = greatest(last_turn_at, $4::timestamptz), turn_count = turn_count + $3::int
         where user_id = $1 and id = $2 and exists (select 1 from seq)
       )`;
const turnIdsSchema = z.array(idSchema).max(10_000);

const turnQuerySchema = z.object({
  sessionId: idSchema.optional(),
  range: periodSchema.optional(),
  afterSeq: z.number().int().min(0).optional(),
  beforeSeq: z.number().int().min(0).optional(),
  role: z.enum(['user', 'assistant']).optional(),
  changedAfter: z.number().int().min(0).optional(),
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
   * Any number of turns of one session, all or none: the user's seq advanced once for all of them, the session's
   * last time and count bumped, the rows inserted with their enrichment (in one statement; a batch of BULK_MIN_TURNS
   * or more by the engine's bulk path where it has one, PGlite's COPY). The seq update takes the users row lock first, which
   * serialises a user's appends, so seq is gap-free and ordered; a missing session writes nothing at all (every
   * part is conditioned on it) and is reported as not found.
   */
  async appendMany(userId: string, turns: readonly NewTurn[]): Promise<Turn[]> {
    checkId(userId, 'user id');
    const inputs = parseInput(newTurnsSchema, turns, 'turns');
    const sessionId = inputs[0]!.sessionId;
    if (inputs.some((input) => input.sessionId !== sessionId)) throw new InvalidInputError('appendMany takes the turns of one session; split the batch at each session.');
    for (const input of inputs) {
      checkTextSize(input.text, this.#context.limits.maxTextChars, 'turn text');
      if (input.enrichment) checkTextSize(input.enrichment.imageText, this.#context.limits.maxTextChars, 'enrichment image text');
    }
    const images = [...new Set(inputs.flatMap((input) => input.images ?? []))];
    const lastAt = new Date(inputs.reduce((latest, input) => Math.max(latest, input.at.getTime()), -Infinity));
    const db = this.#context.db;
    if (images.length > 0) {
      const found = new Set((await db.query<{ sha256: string }>('select sha256 from images where user_id = $1 and sha256 = any($2::text[])', [userId, images])).map((row) => row.sha256));
      const missing = images.find((sha) => !found.has(sha));
      if (missing) throw new NotFoundError('image', missing);
    }
    const sent = inputs.map((input) => ({
      id: randomUUID(),
      metadata: JSON.stringify(input.metadata ?? {}),
      enrichment: input.enrichment ? JSON.stringify(input.enrichment) : null,
    }));
    const bulk = inputs.length >= BULK_MIN_TURNS && db.insertRows !== undefined;
    const rows = bulk ? await this.#appendBulk(userId, sessionId, lastAt, inputs, sent) : await this.#appendInOne(userId, sessionId, lastAt, inputs, sent);
    if (rows.length === 0) throw new NotFoundError('session', sessionId);
    // Only the seqs come back (returning every column made the engine print, and the driver parse, each turn's text,
    // metadata and enrichment again: ~7% of a batched import). The rest is what was sent, as the database holds it:
    // text as UTF-8 stores it (a lone surrogate becomes U+FFFD), json as parsed from the text sent.
    const base = Math.min(...rows.map((row) => Number(row.seq))) - 1;
    return inputs.map((input, index) => toTurn({
      user_id: userId,
      id: sent[index]!.id,
      session_id: sessionId,
      seq: base + index + 1,
      role: input.role,
      speaker: input.speaker?.toWellFormed() ?? null,
      text: input.text.toWellFormed(),
      at: input.at,
      images: (input.images ?? []).map((sha) => sha.toWellFormed()),
      external_id: input.externalId?.toWellFormed() ?? null,
      metadata: JSON.parse(sent[index]!.metadata),
      enrichment: sent[index]!.enrichment === null ? null : JSON.parse(sent[index]!.enrichment!),
    }));
  }

  /** Seq, session and rows in ONE statement, atomic without a transaction: a live turn, a short batch, any batch on a server. */
  async #appendInOne(userId: string, sessionId: string, lastAt: Date, inputs: readonly NewTurnInput[], sent: readonly SentTurn[]): Promise<{ seq: unknown }[]> {
    const params: unknown[] = [userId, sessionId, inputs.length, lastAt];
    const values = inputs.map((input, index) => {
      const at = params.length;
      params.push(index + 1, sent[index]!.id, input.role, input.speaker ?? null, input.text, input.at, input.images ?? [],
        input.externalId ?? null, sent[index]!.metadata, sent[index]!.enrichment);
      return `($${at + 1}::int, $${at + 2}::text, $${at + 3}::text, $${at + 4}::text, $${at + 5}::text, $${at + 6}::timestamptz, $${at + 7}::text[], $${at + 8}::text, $${at + 9}::jsonb, $${at + 10}::jsonb)`;
    });
    return this.#context.db.query<{ seq: unknown }>(
      `with ${RESERVE_SEQ}
       insert into turns (user_id, id, session_id, seq, role, speaker, text, at, images, external_id, metadata, enrichment)
       select $1, v.id, $2, seq.base + v.ord, v.role, v.speaker, v.text, v.at, v.images, v.external_id, v.metadata, v.enrichment
       from seq, (values ${values.join(', ')}) as v (ord, id, role, speaker, text, at, images, external_id, metadata, enrichment)
       returning seq`,
      params,
    );
  }

  /**
   * A batch of an import: the seq reserved and the session bumped in one statement, then the rows through the
   * engine's bulk path (COPY on PGlite: ~2× the rows/s of the one-statement insert), in one transaction (a savepoint
   * inside the caller's), so a failure leaves no seq reserved and no session bumped.
   */
  async #appendBulk(userId: string, sessionId: string, lastAt: Date, inputs: readonly NewTurnInput[], sent: readonly SentTurn[]): Promise<{ seq: unknown }[]> {
    return this.#context.db.transaction(async (tx) => {
      const [reserved] = await tx.query<{ base: unknown }>(`with ${RESERVE_SEQ} select base from seq`, [userId, sessionId, inputs.length, lastAt]);
      if (!reserved) return [];
      const base = Number(reserved.base);
      // Chosen where the engine has a bulk path, which its transactions have too.
      if (!tx.insertRows) throw new StoreError('appendMany: the bulk path was chosen on an engine that has none');
      await tx.insertRows('turns', TURN_COLUMNS, inputs.map((input, index) => [
        userId, sent[index]!.id, sessionId, base + index + 1, input.role, input.speaker ?? null, input.text, input.at,
        input.images ?? [], input.externalId ?? null, sent[index]!.metadata, sent[index]!.enrichment,
      ]));
      return inputs.map((_, index) => ({ seq: base + index + 1 }));
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
    const ids = parseInput(turnIdsSchema, turnIds, 'turn ids');
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
         and ($9::bigint is null or (stamp > $9 and stamp > 0))
       order by seq ${q.order === 'desc' ? 'desc' : 'asc'}
       limit $7`,
      [userId, q.sessionId ?? null, q.range?.from ?? null, q.range?.to ?? null, q.afterSeq ?? null, q.role ?? null, q.limit ?? null, q.beforeSeq ?? null, q.changedAfter ?? null],
    );
    return rows.map(toTurn);
  }

  async setEnrichment(userId: string, turnId: string, enrichment: TurnEnrichment): Promise<void> {
    checkId(userId, 'user id');
    checkId(turnId, 'turn id');
    const checked = parseInput(enrichmentSchema, enrichment, 'turn enrichment');
    checkTextSize(checked.imageText, this.#context.limits.maxTextChars, 'enrichment image text');
    // One statement: the user's turn stamp advanced and given to the turn, so every cache of the user's turns
    // (any process) sees that this one changed.
    const rows = await this.#context.db.query(
      `with bump as (
         update users set turn_stamp = turn_stamp + 1
         where user_id = $1 and exists (select 1 from turns where user_id = $1 and id = $2)
         returning turn_stamp
       )
       update turns set enrichment = $3::jsonb, stamp = (select turn_stamp from bump)
       where user_id = $1 and id = $2 and exists (select 1 from bump) returning 1`,
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
