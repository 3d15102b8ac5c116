// A user's own images: GET /:sha256 describes one (size, what the offline analyzers read in it; face descriptors
// left out), GET /:sha256/bytes serves it. Object crops are images of their own, so the same route serves them.
// Content-addressed, so the bytes never change: a browser may keep them (privately) as long as it likes.
import { Hono } from 'hono';
import { InvalidInputError, NotFoundError } from '../../errors/index.ts';
import type { StoredImage } from '../../memory/types.ts';
import { respond } from '../present.ts';
import type { RouteDeps, ServerEnv } from '../server-env.ts';
import { userOf } from '../tenancy.ts';

const SHA256 = /^[0-9a-f]{64}$/;

function shaOf(value: string | undefined): string {
  if (!value || !SHA256.test(value)) throw new InvalidInputError(`An image is named by its sha256 (64 lowercase hex digits), got "${value ?? ''}".`);
  return value;
}

/** What a page shows of an image: its analysis without the face descriptors (numbers only a clusterer reads). */
export function presentImage(image: StoredImage): Omit<StoredImage, 'userId'> {
  const { userId: _owner, analysis, ...rest } = image;
  return { ...rest, analysis: analysis ? { ...analysis, faces: analysis.faces.map(({ descriptor: _d, ...face }) => face) } : null };
}

export function imageRoutes({ persona }: RouteDeps): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.get('/:sha256', async (c) => {
    const user = userOf(c);
    const sha256 = shaOf(c.req.param('sha256'));
    const image = await persona.images.get(user.internal, sha256);
    if (!image) throw new NotFoundError('image', sha256);
    return respond(c, user, { image: presentImage(image) });
  });
  app.get('/:sha256/bytes', async (c) => {
    const user = userOf(c);
    const sha256 = shaOf(c.req.param('sha256'));
    const image = await persona.images.get(user.internal, sha256);
    if (!image) throw new NotFoundError('image', sha256);
    const bytes = await persona.images.bytes(user.internal, sha256);
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': image.mime,
      'cache-control': 'private, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    });
  });
  return app;
}
