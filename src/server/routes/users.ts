// DELETE /v1/users/:user: the user and everything they own (turns, images, memories, jobs, vectors). The
// report lists leftovers, which must be none; a request that finds some fails loudly.
import { Hono } from 'hono';
import { StoreError } from '../../errors/index.ts';
import { respond } from '../present.ts';
import type { RouteDeps, ServerEnv } from '../server-env.ts';
import { userOf } from '../tenancy.ts';

export function userRoutes({ persona }: RouteDeps): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.delete('/', async (c) => {
    const user = userOf(c);
    const report = await persona.users.delete(user.internal);
    if (report.leftovers.length > 0) throw new StoreError(`Deleting user ${user.internal} left rows or blobs behind: ${report.leftovers.join(', ')}.`);
    return respond(c, user, report);
  });
  return app;
}
