import { EmbeddingMismatchError } from '../../errors/index.ts';
import { MAX_SEARCH_CHARS, type SearchRepository, type TextHit, type TextSearchQuery, type VectorHit, type VectorSearchQuery } from '../memory-store.ts';
import type { StoreContext } from '../store-context.ts';
import { checkId, limitSchema, memoryTypeSchema, parseInput, periodSchema } from '../validation.ts';
import { memoryRangeCondition } from './memory-sql.ts';
import { orQueryText } from './text-query.ts';
import { l2Norm, storedDimensions, vectorSearchSql } from './vector-sql.ts';
import { z } from 'zod';

const DEFAULT_LIMIT = 20;

const textQuerySchema = z.object({
  text: z.string().max(MAX_SEARCH_CHARS),
  target: z.enum(['memories', 'turns']),
  types: z.array(memoryTypeSchema).optional(),
  range: periodSchema.optional(),
  limit: limitSchema.optional(),
}).strict();

const vectorQuerySchema = z.object({
  vector: z.array(z.number().refine(Number.isFinite, 'must be finite')).min(1),
  model: z.string().min(1),
  target: z.enum(['memories', 'turns', 'images']),
  types: z.array(memoryTypeSchema).optional(),
  range: periodSchema.optional(),
  limit: limitSchema.optional(),
}).strict();

export class SqlSearchRepository implements SearchRepository {
  readonly #context: StoreContext;

  constructor(context: StoreContext) {
    this.#context = context;
  }

  /**
   * Lexemes OR-ed, ranked by ts_rank_cd; only active memories. Ties go by when each was said, then its text, never by
   * the random id: the same memories always come back in the same order (prompts built from them stay the same).
   */
  async text(userId: string, query: TextSearchQuery): Promise<TextHit[]> {
    checkId(userId, 'user id');
    const q = parseInput(textQuerySchema, query, 'text search');
    const words = orQueryText(q.text);
    if (words === null) return [];
    const params = [userId, words, q.range?.from ?? null, q.range?.to ?? null, q.limit ?? DEFAULT_LIMIT];
    const sql = q.target === 'memories'
      ? `select m.id, ts_rank_cd(m.tsv, q) as score
         from memories m, websearch_to_tsquery('english', $2) q
         where m.user_id = $1 and m.status = 'active' and m.tsv @@ q
           and ($6::text[] is null or m.type = any($6::text[]))
           and ${memoryRangeCondition('$3', '$4')}
         order by score desc, m.valid_from, m.content, m.id limit $5`
      : `select t.id, ts_rank_cd(t.tsv, q) as score
         from turns t, websearch_to_tsquery('english', $2) q
         where t.user_id = $1 and t.tsv @@ q
           and ($3::timestamptz is null or t.at >= $3) and ($4::timestamptz is null or t.at < $4)
         order by score desc, t.seq limit $5`;
    const rows = await this.#context.db.query<{ id: string; score: number }>(
      sql, q.target === 'memories' ? [...params, q.types ?? null] : params);
    return rows.map((row) => ({ target: q.target, id: String(row.id), score: Number(row.score) }));
  }

  async vector(userId: string, query: VectorSearchQuery): Promise<VectorHit[]> {
    checkId(userId, 'user id');
    const q = parseInput(vectorQuerySchema, query, 'vector search');
    const { db, capabilities } = this.#context;
    const known = await storedDimensions(db, userId, q.model);
    if (known === null) return [];
    if (known !== q.vector.length) {
      throw new EmbeddingMismatchError(
        `The query vector has ${q.vector.length} dimensions, but this user's "${q.model}" vectors have ${known}. Embed the query with the same model as the stored rows.`,
        { details: { model: q.model, dimensions: q.vector.length, storedDimensions: known } },
      );
    }
    const norm = l2Norm(q.vector);
    if (norm === 0) return [];
    const { sql, params } = vectorSearchSql({
      userId, model: q.model, target: q.target, vector: q.vector, norm, limit: q.limit ?? DEFAULT_LIMIT,
      types: q.types ?? null, range: q.range ?? null,
    }, capabilities.vector ? 'pgvector' : 'exact');
    const rows = await db.query<{ id: string; distance: number }>(sql, params);
    return rows.map((row) => ({ target: q.target, id: String(row.id), distance: Number(row.distance) }));
  }
}
