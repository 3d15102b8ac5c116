// The update phase's queue of one user: GET lists jobs (?status=failed,pending,…&order=desc&limit=N), POST /retry puts failed ones
// back ({"ids": [...]} or all of them). Failed jobs keep their last error, so a failing model is visible here.
import { Hono } from 'hono';
import { z } from 'zod';
import { respond } from '../present.ts';
import type { RouteDeps, ServerEnv } from '../server-env.ts';
import { userOf } from '../tenancy.ts';
import { jsonBody, queryOf } from '../validate.ts';

const STATUSES = ['pending', 'running', 'done', 'failed'] as const;
const listQuery = z
  .object({
    status: z.string().transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean)).pipe(z.array(z.enum(STATUSES)).min(1)).optional(),
    order: z.enum(['asc', 'desc']).default('asc'),
    limit: z.coerce.number().int().min(1).max(100_000).optional(),
  })
  .strict();
const retryBody = z.object({ ids: z.array(z.string().min(1).max(200)).max(10_000).optional() }).strict();

export function jobRoutes({ persona }: RouteDeps): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.get('/', async (c) => {
    const user = userOf(c);
    const query = queryOf(c, listQuery);
    const jobs = await persona.jobs.list(user.internal, query.status, { order: query.order, ...(query.limit ? { limit: query.limit } : {}) });
    return respond(c, user, { jobs: jobs.map(({ userId: _owner, ...job }) => job) });
  });
  app.post('/retry', async (c) => {
    const user = userOf(c);
    const body = await jsonBody(c, retryBody);
    const requeued = await persona.jobs.retry(user.internal, body.ids);
    return respond(c, user, { requeued });
  });
  return app;
}
