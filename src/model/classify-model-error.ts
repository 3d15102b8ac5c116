// Turns whatever a provider threw into one ModelCallError whose message says what to check. Retryable means
// transient: rate limits (429), server errors (5xx), dropped connections. A 4xx is our request's fault and
// would fail again, so it is never retried.
import { APICallError } from '@ai-sdk/provider';
import { ModelCallError, PersonaError } from '../errors/index.ts';

export interface CallContext {
  modelId: string;
  purpose: string;
  timeoutMs: number;
  /** Set when the caller's own signal aborted: a cancellation, not a failure of the model. */
  cancelled: boolean;
  timedOut: boolean;
}

const snippet = (text: string | undefined): string => (text ? ` Response: ${text.replace(/\s+/g, ' ').slice(0, 300)}` : '');

/** The server's own wait hint (OpenAI sends retry-after-ms; HTTP has retry-after in seconds). */
function retryAfter(headers: Record<string, string> | undefined): number | undefined {
  const ms = Number(headers?.['retry-after-ms']);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const seconds = Number(headers?.['retry-after']);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function fromApiCallError(error: APICallError, context: CallContext): ModelCallError {
  const status = error.statusCode;
  const where = `${error.url} (model "${context.modelId}")`;
  const details = { purpose: context.purpose, modelId: context.modelId, url: error.url, statusCode: status };
  let advice: string;
  if (status === undefined) advice = `Could not reach ${where}: ${error.message}. Is the server running and the base URL right? Check with \`personavlm doctor\`.`;
  else if (status === 401 || status === 403) advice = `${where} refused the credentials (HTTP ${status}). Set the API key in PERSONAVLM_API_KEY or the env variable named by model.apiKeyEnv.`;
  else if (status === 404) advice = `${where} answered HTTP 404: the model or path does not exist. Check the model id (for Ollama: \`ollama pull ${context.modelId}\`) and that the base URL ends in /v1.`;
  else if (status === 429) advice = `${where} is rate limiting (HTTP 429). Lower the request rate or raise the quota.`;
  else if (status >= 500) advice = `${where} failed with HTTP ${status}. Check the model server's logs.`;
  else advice = `${where} rejected the request (HTTP ${status}). If it carried images, check that the model accepts images (a vision model).`;
  const retryable = error.isRetryable || status === 429 || (status !== undefined && status >= 500);
  const retryAfterMs = retryAfter(error.responseHeaders);
  return new ModelCallError(`${advice}${snippet(error.responseBody)}`, { cause: error, isRetryable: retryable, details: { ...details, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) } });
}

export function classifyModelError(error: unknown, context: CallContext): ModelCallError {
  if (error instanceof ModelCallError) return error;
  const details = { purpose: context.purpose, modelId: context.modelId };
  if (context.cancelled) return new ModelCallError(`The call to model "${context.modelId}" for ${context.purpose} was cancelled by the caller.`, { cause: error, isRetryable: false, details: { ...details, cancelled: true } });
  if (context.timedOut) {
    return new ModelCallError(
      `Model "${context.modelId}" did not answer ${context.purpose} within ${context.timeoutMs} ms. Check that the server is not overloaded, or raise model.timeoutMs (PERSONAVLM_MODEL_TIMEOUT_MS).`,
      // One slow answer (a busy server, a cold model) is worth another try after a pause, not a lost job.
      { cause: error, isRetryable: true, details: { ...details, timedOut: true } },
    );
  }
  if (APICallError.isInstance(error)) return fromApiCallError(error, context);
  // A PersonaError from inside a provider (e.g. a test double) already says what to do.
  if (PersonaError.isInstance(error)) return new ModelCallError(error.message, { cause: error, isRetryable: error.isRetryable, details });
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new ModelCallError(
    `Model "${context.modelId}" returned something that is not a valid OpenAI-compatible response for ${context.purpose} (${message}). Check that the endpoint speaks the OpenAI chat-completions protocol.`,
    { cause: error, isRetryable: false, details },
  );
}
