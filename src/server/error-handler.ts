// The one place typed errors become HTTP responses. Client errors keep their message (it says what to do);
// everything else is a 500 that names only its stable code, and the details go to the server log.
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import type { ServerEnv } from './server-env.ts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PersonaError } from '../errors/index.ts';

const STATUS: Record<string, ContentfulStatusCode> = {
  invalid_input: 400,
  unauthorized: 401,
  not_found: 404,
  payload_too_large: 413,
  // The text was stored; the image bytes were not a decodable image.
  invalid_image: 422,
  // Too many update jobs wait for this user: retry later.
  backpressure: 429,
  model_not_configured: 503,
  dependency_missing: 503,
};

export interface ErrorBody {
  /** OpenAI clients read error.message; ours read error.code. */
  error: { code: string; message: string; type: string };
}

/** Status and body for any thrown value; also used inside SSE streams, where the status line is already sent. */
/** internal: a failure the caller cannot fix, described in full only in the server log. */
/**
 * tenant: the caller's; the store names users by their tenant-scoped id ("acme:ann"), which a caller never sees,
 * so a message about user "acme:ann" reaches them as one about "ann".
 */
export function describeError(error: unknown, tenant: string | null = null): { status: ContentfulStatusCode; body: ErrorBody; internal: boolean } {
  if (PersonaError.isInstance(error) && STATUS[error.code]) {
    const status = STATUS[error.code]!;
    const message = tenant === null ? error.message : error.message.split(`${tenant}:`).join('');
    return { status, internal: false, body: { error: { code: error.code, message, type: status >= 500 ? 'server_error' : 'invalid_request_error' } } };
  }
  const code = PersonaError.isInstance(error) ? error.code : 'internal_error';
  return { status: 500, internal: true, body: { error: { code, message: `The server failed (${code}); the details are in the server log.`, type: 'server_error' } } };
}

export function createErrorHandler(log: (line: string) => void): ErrorHandler {
  return (error, c: Context<ServerEnv>) => {
    const { status, body, internal } = describeError(error, c.get('tenant') ?? null);
    if (internal) log(`${c.req.method} ${c.req.path} failed: ${error.stack ?? error.message}`);
    return c.json(body, status);
  };
}

export const notFoundHandler: NotFoundHandler = (c) =>
  c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}. The routes are listed in src/server/README.md.`, type: 'invalid_request_error' } }, 404);
