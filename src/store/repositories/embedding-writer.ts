import { EmbeddingMismatchError, InvalidInputError, NotFoundError, PayloadTooLargeError } from '../../errors/index.ts';
import type { EmbeddingVector } from '../../memory/types.ts';
import type { SearchTarget } from '../memory-store.ts';
import type { StoreContext } from '../store-context.ts';
import { embeddingSchema, parseInput } from '../validation.ts';
import { l2Norm, storedDimensions } from './vector-sql.ts';

/** What an embedding can describe: the search targets plus images (the port spells it `SearchTarget | 'images'`). */
export type EmbeddingTarget = SearchTarget | 'images';

const TARGET_KEY: Record<EmbeddingTarget, { table: string; column: string; what: string }> = {
  memories: { table: 'memories', column: 'id', what: 'memory' },
  turns: { table: 'turns', column: 'id', what: 'turn' },
  images: { table: 'images', column: 'sha256', what: 'image' },
};

/**
 * Stores one vector for (target, id, model). A model has one dimension per user: a vector of another length
 * for the same model means two models share a name, and mixing them would make distances meaningless.
 */
export async function writeEmbedding(
  context: StoreContext,
  userId: string,
  target: EmbeddingTarget,
  targetId: string,
  embedding: EmbeddingVector,
): Promise<void> {
  const { model, vector } = parseInput(embeddingSchema, embedding, 'embedding');
  if (vector.length > context.limits.maxVectorDimensions) {
    throw new PayloadTooLargeError('embedding dimensions', vector.length, context.limits.maxVectorDimensions, { fix: 'The limit is fixed: configure an embedder with fewer dimensions (embedder.dimensions, PERSONAVLM_EMBEDDER_DIMENSIONS).' });
  }
  const norm = l2Norm(vector);
  if (norm === 0) throw new InvalidInputError('Invalid embedding: the zero vector has no direction, so cosine distance is undefined. Check the embedder output.');
  const key = TARGET_KEY[target];
  const usePgvector = context.capabilities.vector;
  await context.db.transaction(async (tx) => {
    const exists = await tx.query(`select 1 from ${key.table} where user_id = $1 and ${key.column} = $2`, [userId, targetId]);
    if (exists.length === 0) throw new NotFoundError(key.what, targetId);
    const known = await storedDimensions(tx, userId, model);
    if (known !== null && known !== vector.length) {
      throw new EmbeddingMismatchError(
        `Embedding model "${model}" gave ${vector.length} dimensions, but this user's stored vectors of that model have ${known}. Use one model per name, or re-embed everything after changing it.`,
        { details: { model, dimensions: vector.length, storedDimensions: known } },
      );
    }
    // With pgvector the copy is written in the same statement; without it, a rewritten vector empties a copy that a
    // pgvector store made earlier (it is filled again at that store's next open).
    const vec = usePgvector ? { column: ', vec', value: ', $6::float8[]::vector', update: ', vec = excluded.vec' } : { column: '', value: '', update: context.vectorColumn ? ', vec = null' : '' };
    await tx.query(
      `insert into embeddings (user_id, target, target_id, model, dimensions, vector, norm${vec.column})
       values ($1, $2, $3, $4, $5, $6::float8[], $7${vec.value})
       on conflict (user_id, target, target_id, model)
       do update set dimensions = excluded.dimensions, vector = excluded.vector, norm = excluded.norm, created_at = now()${vec.update}`,
      [userId, target, targetId, model, vector.length, vector, norm],
    );
  });
}
