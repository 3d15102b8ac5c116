// POST /v1/users/:user/turns records a turn (no model call in the request; the update phase runs as jobs);
// GET lists the timeline.
import { Hono } from 'hono';
import { z } from 'zod';
import { PersonaError } from '../../errors/index.ts';
import type { Turn } from '../../memory/types.ts';
import { isoDate, readMessage } from '../message-input.ts';
import { respond } from '../present.ts';
import type { RouteDeps, ServerEnv } from '../server-env.ts';
import { userOf } from '../tenancy.ts';
import { queryOf } from '../validate.ts';

const listQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(200),
    order: z.enum(['asc', 'desc']).default('asc'),
  })
  .strict();

export function turnRoutes({ persona, now }: RouteDeps): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.post('/', async (c) => {
    const user = userOf(c);
    const message = await readMessage(c, { withId: true, maxTextChars: persona.config.store.maxTextChars });
    const input = { userId: user.internal, role: message.role ?? 'user', text: message.text, images: message.images, at: message.at ?? now(), ...(message.speaker ? { speaker: message.speaker } : {}), ...(message.id ? { externalId: message.id } : {}) };
    try {
      return respond(c, user, { turn: await persona.recordTurn(input), warnings: [] }, 201);
    } catch (error) {
      // remember stored the text and the readable images before rejecting an undecodable one.
      const stored = PersonaError.isInstance(error) && error.code === 'invalid_image' ? (error as { turn?: Turn }).turn : undefined;
      if (!stored) throw error;
      return respond(c, user, { turn: stored, warnings: [{ code: 'image_rejected', message: (error as Error).message }] }, 201);
    }
  });
  app.get('/', async (c) => {
    const user = userOf(c);
    const query = queryOf(c, listQuery);
    const range = query.from || query.to ? { range: { from: query.from ?? null, to: query.to ?? null } } : {};
    const turns = await persona.turns.list(user.internal, { ...range, limit: query.limit, order: query.order });
    return respond(c, user, { turns });
  });
  return app;
}
