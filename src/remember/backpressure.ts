// Backpressure: recording a turn is cheap, remembering it costs model calls. When a user's unfinished jobs pile
// up (no worker running, a slow model), recordTurn waits for the queue to shrink, or throws when configured.
import type { RememberDeps } from './deps.ts';
import { BackpressureError } from './errors.ts';

const POLL_MS = 50;

export async function awaitCapacity(deps: RememberDeps, userId: string, signal?: AbortSignal): Promise<void> {
  const limit = deps.config.maxPendingJobsPerUser;
  let pending = await deps.store.jobs.pendingCount(userId);
  if (pending < limit) return;
  if (deps.config.onBackpressure === 'throw') throw new BackpressureError(userId, pending, limit);
  deps.events.emit({ type: 'backpressure_wait', userId, pending, limit });
  const deadline = Date.now() + deps.config.backpressureTimeoutMs;
  while (pending >= limit) {
    if (Date.now() >= deadline) throw new BackpressureError(userId, pending, limit, { details: { waitedMs: deps.config.backpressureTimeoutMs } });
    signal?.throwIfAborted();
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    pending = await deps.store.jobs.pendingCount(userId);
  }
}
