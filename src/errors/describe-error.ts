// What a caller may learn of an error, for every transport that answers one (the HTTP API, the MCP tools).
// Client errors keep their message (it says what to do); everything else names only its stable code, and the
// details go to the server log.
import { PersonaError } from './persona-error.ts';
import type { ErrorCode } from './codes.ts';

/**
 * Every error code's response: the status, and whether the caller may read the message (what to do) or it is a
 * failure only the server log describes. A new code does not compile until it has an entry.
 */
const RESPONSES: Record<ErrorCode, { status: number; expose: boolean }> = {
  invalid_input: { status: 400, expose: true },
  config_invalid: { status: 400, expose: true },
  unauthorized: { status: 401, expose: true },
  not_found: { status: 404, expose: true },
  payload_too_large: { status: 413, expose: true },
  // The text was stored; the image bytes were not a decodable image.
  invalid_image: { status: 422, expose: true },
  // Too many update jobs wait for this user: retry later.
  backpressure: { status: 429, expose: true },
  budget_exceeded: { status: 500, expose: false },
  model_not_configured: { status: 503, expose: true },
  dependency_missing: { status: 503, expose: true },
  model_call_failed: { status: 502, expose: false },
  model_output_invalid: { status: 502, expose: false },
  model_output_truncated: { status: 502, expose: false },
  embedding_mismatch: { status: 500, expose: false },
  store_failed: { status: 500, expose: false },
  job_lease_lost: { status: 500, expose: false },
  job_kind_unknown: { status: 500, expose: false },
  worker_stopped: { status: 503, expose: false },
  scenario_failed: { status: 500, expose: false },
  scenario_not_recorded: { status: 500, expose: false },
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
export function describeError(error: unknown, tenant: string | null = null): { status: number; body: ErrorBody; internal: boolean } {
  const response = PersonaError.isInstance(error) ? RESPONSES[error.code] : undefined;
  if (PersonaError.isInstance(error) && response?.expose) {
    const { status } = response;
    const message = tenant === null ? error.message : error.message.split(`${tenant}:`).join('');
    return { status, internal: false, body: { error: { code: error.code, message, type: status >= 500 ? 'server_error' : 'invalid_request_error' } } };
  }
  const code = PersonaError.isInstance(error) ? error.code : 'internal_error';
  return { status: response?.status ?? 500, internal: true, body: { error: { code, message: `The server failed (${code}); the details are in the server log.`, type: 'server_error' } } };
}

