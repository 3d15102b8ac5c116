import type { MemoryType, Period } from '../../memory/types.ts';
import type { SqlExecutor } from '../sql-executor.ts';
import type { EmbeddingTarget } from './embedding-writer.ts';
import { memoryRangeCondition } from './memory-sql.ts';

export interface VectorSearchArgs {
  userId: string;
  model: string;
  target: EmbeddingTarget;
  vector: number[];
  norm: number;
  limit: number;
  types: MemoryType[] | null;
  range: Period | null;
}

/**
 * Nearest neighbours inside one user's rows of one model, exact in both paths. Why no HNSW index: queries are
 * always filtered by user_id, and the planner skips an HNSW index under such a filter (or returns too few rows
 * after filtering); per-user row counts are small, so an exact scan over the (user_id, model, target) btree
 * prefix is both correct and fast.
 *
 * pgvector: `vec <=> query`. Exact path (no pgvector): cosine distance computed in SQL from the float8[]
 * column and a stored norm; computing it in the database ships back only the top rows, not every vector.
 */
export function vectorSearchSql(args: VectorSearchArgs, path: 'pgvector' | 'exact'): { sql: string; params: unknown[] } {
  const params: unknown[] = [args.userId, args.model, args.target, args.vector, args.limit];
  const bind = (value: unknown): string => `$${params.push(value)}`;
  const distance = path === 'pgvector'
    ? 'e.vec <=> $4::float8[]::vector'
    : `1 - (select sum(a * b) from unnest(e.vector, $4::float8[]) as pair(a, b)) / (e.norm * ${bind(args.norm)}::float8)`;
  let join: string;
  if (args.target === 'memories') {
    join = `join memories m on m.user_id = e.user_id and m.id = e.target_id and m.status = 'active'
      and (${bind(args.types)}::text[] is null or m.type = any($${params.length}::text[]))
      and ${memoryRangeCondition(bind(args.range?.from ?? null), bind(args.range?.to ?? null))}`;
  } else if (args.target === 'turns') {
    const from = bind(args.range?.from ?? null);
    const to = bind(args.range?.to ?? null);
    join = `join turns t on t.user_id = e.user_id and t.id = e.target_id
      and (${from}::timestamptz is null or t.at >= ${from}) and (${to}::timestamptz is null or t.at < ${to})`;
  } else {
    join = 'join images i on i.user_id = e.user_id and i.sha256 = e.target_id';
  }
  const sql = `select e.target_id as id, ${distance} as distance
    from embeddings e ${join}
    where e.user_id = $1 and e.model = $2 and e.target = $3
    order by distance, e.target_id
    limit $5`;
  return { sql, params };
}

/** The Euclidean length; the exact path stores it per row and divides by it. */
export function l2Norm(vector: readonly number[]): number {
  return Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
}

/** The dimensions of this user's stored vectors of a model, or null when there are none (one length per model). */
export async function storedDimensions(db: SqlExecutor, userId: string, model: string): Promise<number | null> {
  const rows = await db.query<{ dimensions: number }>(
    'select dimensions from embeddings where user_id = $1 and model = $2 limit 1', [userId, model]);
  return rows[0] ? Number(rows[0].dimensions) : null;
}
