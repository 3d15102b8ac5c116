// GET /v1/users lists the caller's users. DELETE /v1/users/:user: the user and everything they own (turns, images, memories, jobs, vectors). The
// report lists leftovers, which must be none; a request that finds some fails loudly.
import { Hono } from 'hono';
import { StoreError } from '../../errors/index.ts';
import { respond } from '../present.ts';
import type { RouteDeps, ServerEnv } from '../server-env.ts';
import { isUrlUser, userOf } from '../tenancy.ts';

/** GET /v1/users: the caller's users (the tenant's, named as the caller names them; all of them without auth). */
export function userListRoutes({ persona }: RouteDeps): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.get('/', async (c) => {
    const tenant = c.get('tenant');
    const prefix = tenant === null ? '' : `${tenant}:`;
    const users = (await persona.users.list())
      .filter((user) => user.id.startsWith(prefix))
      .map((user) => ({ id: user.id.slice(prefix.length), createdAt: user.createdAt }))
      // Without auth a store may hold ids no URL can name (another deployment's "tenant:user"): not listed.
      .filter((user) => isUrlUser(user.id));
    return c.json({ users });
  });
  return app;
}

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
