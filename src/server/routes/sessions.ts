// GET /v1/users/:user/sessions?from=&to=: the user's conversation sessions overlapping the range, oldest first.
import { Hono } from 'hono';
import { z } from 'zod';
import { isoDate } from '../message-input.ts';
import { respond } from '../present.ts';
import type { RouteDeps, ServerEnv } from '../server-env.ts';
import { userOf } from '../tenancy.ts';
import { queryOf } from '../validate.ts';

const listQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict();

export function sessionRoutes({ persona }: RouteDeps): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.get('/', async (c) => {
    const user = userOf(c);
    const query = queryOf(c, listQuery);
    const range = query.from || query.to ? { from: query.from ?? null, to: query.to ?? null } : undefined;
    const sessions = await persona.sessions.list(user.internal, range);
    return respond(c, user, { sessions: sessions.map(({ userId: _owner, ...session }) => session) });
  });
  return app;
}
