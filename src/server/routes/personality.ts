// GET /v1/users/:user/personality: the Big Five trajectory (one point per scored interaction) and the latest.
import { Hono } from 'hono';
import { respond } from '../present.ts';
import type { RouteDeps, ServerEnv } from '../server-env.ts';
import { userOf } from '../tenancy.ts';

export function personalityRoutes({ persona }: RouteDeps): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.get('/', async (c) => {
    const user = userOf(c);
    const { points } = await persona.personality.get(user.internal);
    const trajectory = points.map(({ turnText: _text, ...point }) => point);
    return respond(c, user, { latest: trajectory.at(-1) ?? null, trajectory });
  });
  return app;
}
