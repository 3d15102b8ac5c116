// /v1/users/:user/mcp: the MCP server (streamable HTTP) for the path's user, scoped by the key's tenant like
// every other route. Tools take no user argument: this URL is the only way to name one.
import { Hono } from 'hono';
import { handleMcpRequest } from '../../mcp/index.ts';
import type { RouteDeps, ServerEnv } from '../server-env.ts';
import { userOf } from '../tenancy.ts';

export function mcpRoutes({ persona, now, log }: RouteDeps): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.all('/', (c) => handleMcpRequest(c.req.raw, { persona, user: userOf(c), tenant: c.get('tenant'), now, log }));
  return app;
}
