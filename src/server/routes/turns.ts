// POST /v1/users/:user/turns records a turn (no model call in the request; the update phase runs as jobs);
// GET lists the timeline (paged by seq with before/after), GET /:id reads one turn.
import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../errors/index.ts';
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
    /** Paging by position: only turns stored before (or after) the one with this seq. */
    before: z.coerce.number().int().min(1).optional(),
    after: z.coerce.number().int().min(0).optional(),
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
    const paging = { ...(query.before !== undefined ? { beforeSeq: query.before } : {}), ...(query.after !== undefined ? { afterSeq: query.after } : {}) };
    const turns = await persona.turns.list(user.internal, { ...range, ...paging, limit: query.limit, order: query.order });
    return respond(c, user, { turns });
  });
  app.get('/:id', async (c) => {
    const user = userOf(c);
    const id = c.req.param('id');
    const [turn] = await persona.turns.get(user.internal, [id]);
    if (!turn) throw new NotFoundError('turn', id);
    return respond(c, user, { turn });
  });
  return app;
}
