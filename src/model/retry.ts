// Exponential backoff for transient failures only. Why not the AI SDK's own maxRetries: we count every attempt
// in the accounting, and tests need a small base delay.
import { ModelCallError } from '../errors/index.ts';

export interface RetryPolicy {
  maxRetries: number;
  retryBaseMs: number;
}

/** A server's Retry-After is obeyed up to this; beyond it, failing now says more than a silent long wait. */
const MAX_RETRY_AFTER_MS = 60_000;

// Jitter keeps many workers that failed together from retrying together.
function backoffDelay(policy: RetryPolicy, index: number, last: ModelCallError): number {
  const backoff = policy.retryBaseMs * 2 ** index * (0.75 + Math.random() * 0.5);
  const hint = last.details.retryAfterMs;
  return typeof hint === 'number' ? Math.max(backoff, Math.min(hint, MAX_RETRY_AFTER_MS)) : backoff;
}

/** Sleeps before retry `index`; a caller abort during the wait ends it as a cancellation. */
export function waitBeforeRetry(policy: RetryPolicy, index: number, signal: AbortSignal | undefined, last: ModelCallError): Promise<void> {
  const cancelled = (): ModelCallError =>
    new ModelCallError(`Cancelled by the caller while waiting to retry after: ${last.message}`, { cause: last, isRetryable: false, details: { ...last.details, cancelled: true } });
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, backoffDelay(policy, index, last));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `attempt` until it succeeds, fails for good, or retries run out. `attempt` throws ModelCallError. */
export async function withRetries<T>(policy: RetryPolicy, signal: AbortSignal | undefined, attempt: (index: number) => Promise<T>): Promise<T> {
  for (let index = 0; ; index += 1) {
    try {
      return await attempt(index);
    } catch (error) {
      if (!(error instanceof ModelCallError) || !error.isRetryable || index >= policy.maxRetries) throw error;
      await waitBeforeRetry(policy, index, signal, error);
    }
  }
}
