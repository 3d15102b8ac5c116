import { EmbeddingMismatchError } from '../../errors/index.ts';
import type { SearchRepository, VectorHit, VectorSearchQuery } from '../memory-store.ts';
import type { StoreContext } from '../store-context.ts';
import { checkId, limitSchema, memoryTypeSchema, parseInput, periodSchema } from '../validation.ts';
import { l2Norm, storedDimensions, vectorSearchSql } from './vector-sql.ts';
import { z } from 'zod';

const DEFAULT_LIMIT = 20;

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
