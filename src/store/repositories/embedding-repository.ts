// Which embedding models a user's vectors come from, and removal of one model's vectors: what re-embedding and
// the "never mix models" check need. Writing a vector stays with each target's repository (embedding-writer.ts).
import { z } from 'zod';
import type { EmbeddingModelCount, EmbeddingRepository, UncoveredRows } from '../memory-store.ts';
import type { StoreContext } from '../store-context.ts';
import { checkId, parseInput } from '../validation.ts';

const targetSchema = z.enum(['memories', 'turns', 'images']);
const modelSchema = z.string().min(1).max(200);
const ALL_TARGETS = ['memories', 'turns', 'images'] as const;
/** One `= any($n)` parameter; callers page longer lists (re-embedding asks per batch). */
const MAX_IDS = 10_000;

export class SqlEmbeddingRepository implements EmbeddingRepository {
  readonly #context: StoreContext;

  constructor(context: StoreContext) {
    this.#context = context;
  }

  async models(userId: string): Promise<EmbeddingModelCount[]> {
    checkId(userId, 'user id');
    const rows = await this.#context.db.query<{ target: string; model: string; dimensions: number; count: number }>(
      `select target, model, dimensions, count(*)::int as count from embeddings where user_id = $1
       group by target, model, dimensions order by target, model, dimensions`,
      [userId],
    );
    return rows.map((row) => ({
      target: targetSchema.parse(row.target),
      model: String(row.model),
      dimensions: Number(row.dimensions),
      count: Number(row.count),
    }));
  }

  async existing(userId: string, target: EmbeddingModelCount['target'], model: string, targetIds: string[]): Promise<string[]> {
    checkId(userId, 'user id');
    parseInput(targetSchema, target, 'embedding target');
    parseInput(modelSchema, model, 'embedding model');
    const ids = parseInput(z.array(z.string()).max(MAX_IDS), targetIds, 'target ids');
    if (ids.length === 0) return [];
    const rows = await this.#context.db.query<{ target_id: string }>(
      'select target_id from embeddings where user_id = $1 and target = $2 and model = $3 and target_id = any($4::text[])',
      [userId, target, model, ids],
    );
    return rows.map((row) => String(row.target_id));
  }

  async uncovered(userId: string, model: string, targets: EmbeddingModelCount['target'][]): Promise<UncoveredRows[]> {
    checkId(userId, 'user id');
    parseInput(modelSchema, model, 'embedding model');
    const checked = parseInput(z.array(targetSchema).min(1), targets, 'embedding targets');
    // Superseded memories keep their old vectors as history but are never searched, so they do not count.
    const rows = await this.#context.db.query<{ target: string; count: number; models: string[] }>(
      `select e.target, count(distinct e.target_id)::int as count, array_agg(distinct e.model order by e.model) as models
       from embeddings e
       where e.user_id = $1 and e.model <> $2 and e.target = any($3::text[])
         and not exists (select 1 from embeddings c
                         where c.user_id = e.user_id and c.target = e.target and c.target_id = e.target_id and c.model = $2)
         and (e.target <> 'memories' or exists (select 1 from memories m
                                               where m.user_id = e.user_id and m.id = e.target_id and m.status = 'active'))
       group by e.target order by e.target`,
      [userId, model, checked],
    );
    return rows.map((row) => ({ target: targetSchema.parse(row.target), count: Number(row.count), models: row.models.map(String) }));
  }

  async deleteModel(userId: string, model: string, targets: EmbeddingModelCount['target'][] = [...ALL_TARGETS]): Promise<number> {
    checkId(userId, 'user id');
    parseInput(modelSchema, model, 'embedding model');
    const checked = parseInput(z.array(targetSchema).min(1), targets, 'embedding targets');
    const rows = await this.#context.db.query<{ count: number }>(
      `with deleted as (delete from embeddings where user_id = $1 and model = $2 and target = any($3::text[]) returning 1)
       select count(*)::int as count from deleted`,
      [userId, model, checked],
    );
    return Number(rows[0]?.count ?? 0);
  }
}
