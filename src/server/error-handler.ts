// The one place typed errors become HTTP responses. Client errors keep their message (it says what to do);
// everything else is a 500 that names only its stable code, and the details go to the server log.
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import type { ServerEnv } from './server-env.ts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { describeError } from '../errors/describe-error.ts';

export { describeError, type ErrorBody } from '../errors/describe-error.ts';

export function createErrorHandler(log: (line: string) => void): ErrorHandler {
  return (error, c: Context<ServerEnv>) => {
    const { status, body, internal } = describeError(error, c.get('tenant') ?? null);
    if (internal) log(`${c.req.method} ${c.req.path} failed: ${error.stack ?? error.message}`);
    return c.json(body, status as ContentfulStatusCode);
  };
}

export const notFoundHandler: NotFoundHandler = (c) =>
  c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}. The routes are listed in src/server/README.md.`, type: 'invalid_request_error' } }, 404);
