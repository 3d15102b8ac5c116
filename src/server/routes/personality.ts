// GET /v1/users/:user/personality: the Big Five trajectory (one point per scored interaction) and the latest.
// ?points=N (default 2,000): a longer trajectory is thinned to N points that keep its first, its last and, between,
// the turns that moved the traits most (memory/thin-trajectory.ts); `count` says how many there are in all.
import { Hono } from 'hono';
import { InvalidInputError } from '../../errors/index.ts';
import { thinTrajectory } from '../../memory/thin-trajectory.ts';
import { respond } from '../present.ts';
import type { RouteDeps, ServerEnv } from '../server-env.ts';
import { userOf } from '../tenancy.ts';

const DEFAULT_POINTS = 2000;

function pointsParam(value: string | undefined): number {
  if (value === undefined) return DEFAULT_POINTS;
  const points = Number(value);
  if (!Number.isInteger(points) || points < 2 || points > 1_000_000) throw new InvalidInputError(`?points takes a whole number from 2 to 1000000 (how many trajectory points to return); got "${value}".`);
  return points;
}

export function personalityRoutes({ persona }: RouteDeps): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.get('/', async (c) => {
    const user = userOf(c);
    const max = pointsParam(c.req.query('points'));
    const { points } = await persona.personality.get(user.internal);
    const trajectory = thinTrajectory(points, max).map(({ turnText: _text, ...point }) => point);
    return respond(c, user, { latest: trajectory.at(-1) ?? null, count: points.length, trajectory });
  });
  return app;
}
