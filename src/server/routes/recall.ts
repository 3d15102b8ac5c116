// GET /v1/users/:user/recall: memory search with the retrieval engine, no model needed.
import { Hono } from 'hono';
import { z } from 'zod';
import { MEMORY_TYPES } from '../../memory/types.ts';
import { isoDate } from '../message-input.ts';
import { respond } from '../present.ts';
import type { RouteDeps, ServerEnv } from '../server-env.ts';
import { userOf } from '../tenancy.ts';
import { queryOf } from '../validate.ts';

const SOURCES = [...MEMORY_TYPES, 'dialogue', 'image'] as const;

const recallQuery = z
  .object({
    q: z.string().trim().min(1, 'give the words to search for in q'),
    budget: z.coerce.number().int().min(1).max(1_000_000).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    at: isoDate.optional(),
    types: z
      .string()
      .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
      .pipe(z.array(z.enum(SOURCES)).min(1))
      .optional(),
  })
  .strict();

export function recallRoutes({ persona, now }: RouteDeps): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.get('/', async (c) => {
    const user = userOf(c);
    const query = queryOf(c, recallQuery);
    const result = await persona.recall({
      userId: user.internal,
      query: query.q,
      at: query.at ?? now(),
      budgetTokens: query.budget ?? persona.config.memory.budgetTokens,
      ...(query.from || query.to ? { timeRange: { from: query.from ?? null, to: query.to ?? null } } : {}),
      ...(query.types ? { types: query.types } : {}),
    });
    // `ranked` (items beyond the budget) is for benchmark traces; the API returns what fits.
    return respond(c, user, { items: result.items, totalTokens: result.totalTokens });
  });
  return app;
}
