// A user's memories: list (by type, status, key and words, paged, with the total), read, correct (the old text
// stays as history), forget, and the version chain.
import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../errors/index.ts';
import { MEMORY_STATUSES, MEMORY_TYPES } from '../../memory/types.ts';
import { isoDate } from '../message-input.ts';
import { respond } from '../present.ts';
import type { RouteDeps, ServerEnv } from '../server-env.ts';
import { userOf } from '../tenancy.ts';
import { jsonBody, queryOf } from '../validate.ts';

const typeList = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
  .pipe(z.array(z.enum(MEMORY_TYPES)).min(1));

const listQuery = z
  .object({
    type: typeList.optional(),
    status: z.enum([...MEMORY_STATUSES, 'all']).default('active'),
    key: z.string().min(1).optional(),
    text: z.string().trim().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(10_000).optional(),
    offset: z.coerce.number().int().min(0).optional(),
  })
  .strict();

const patchBody = z
  .object({
    content: z.string().min(1).optional(),
    keywords: z.array(z.string().max(200)).max(200).optional(),
    detail: z.record(z.string(), z.unknown()).optional(),
    eventTime: z.object({ from: isoDate.nullable(), to: isoDate.nullable() }).strict().nullable().optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one of content, keywords, detail, eventTime');

export function memoryRoutes({ persona }: RouteDeps): Hono<ServerEnv> {
  const { memories } = persona;
  const app = new Hono<ServerEnv>();
  app.get('/', async (c) => {
    const user = userOf(c);
    const query = queryOf(c, listQuery);
    const status = query.status === 'all' ? [...MEMORY_STATUSES] : [query.status];
    const filter = {
      status: [...status],
      ...(query.type ? { types: query.type } : {}),
      ...(query.key ? { key: query.key } : {}),
      ...(query.text ? { text: query.text } : {}),
    };
    // The page and how many match in all, so a client pages instead of guessing whether the list was cut.
    const [list, total] = await Promise.all([
      memories.list(user.internal, { ...filter, ...(query.limit ? { limit: query.limit } : {}), ...(query.offset ? { offset: query.offset } : {}) }),
      memories.count(user.internal, filter),
    ]);
    return respond(c, user, { memories: list, total, offset: query.offset ?? 0 });
  });
  app.get('/:id', async (c) => {
    const user = userOf(c);
    const id = c.req.param('id');
    const memory = await memories.get(user.internal, id);
    if (!memory) throw new NotFoundError('memory', id);
    // Provenance: the turns it was derived from, so a person can see why the system believes it.
    const sourceTurns = await persona.turns.get(user.internal, memory.sourceTurnIds);
    return respond(c, user, { memory, sourceTurns });
  });
  app.patch('/:id', async (c) => {
    const user = userOf(c);
    const patch = await jsonBody(c, patchBody);
    return respond(c, user, { memory: await memories.edit(user.internal, c.req.param('id'), patch) });
  });
  app.delete('/:id', async (c) => {
    const user = userOf(c);
    const id = c.req.param('id');
    await memories.forget(user.internal, id);
    return respond(c, user, { forgotten: id });
  });
  app.get('/:id/history', async (c) => {
    const user = userOf(c);
    return respond(c, user, { history: await memories.history(user.internal, c.req.param('id')) });
  });
  return app;
}
