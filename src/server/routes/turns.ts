// POST /v1/users/:user/turns records a turn (no model call in the request; the update phase runs as jobs);
// GET lists the timeline.
import { Hono } from 'hono';
import { z } from 'zod';
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
    // An undecodable image drops only itself: the text and the readable images are stored, and the response says so.
    const { turn, rejectedImages } = await persona.recordTurn(input);
    const warnings = rejectedImages.map((image) => ({ code: 'image_rejected', message: `Image #${image.index + 1}${image.path ? ` (${image.path})` : ''} could not be read: ${image.reason}. Send a JPEG, PNG, WebP or GIF file.` }));
    return respond(c, user, { turn, warnings }, 201);
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
