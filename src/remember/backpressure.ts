// Backpressure: recording a turn is cheap, remembering it costs model calls. When a user's unfinished jobs pile
// up (no worker running, a slow model), recordTurn waits for the queue to shrink, or throws when configured.
import type { RememberDeps } from './deps.ts';
import { BackpressureError } from './errors.ts';
import { rememberState } from './state.ts';
import { REMEMBER_TUNING } from './tuning.ts';

/**
 * Waits until the user has room for `turns` more jobs. Jobs only ever leave the queue between two counts, so after
 * a count of p this process may queue limit − p turns before counting again: one count per many turns, not one per
 * turn (a second process queueing for the same user can overshoot the limit by what it admitted itself; it is a
 * brake, not an invariant). Without a model nothing is queued and nothing is counted.
 */
export async function awaitCapacity(deps: RememberDeps, userId: string, signal?: AbortSignal, turns = 1): Promise<void> {
  if (!deps.chat) return;
  const room = rememberState(deps).room;
  const left = room.get(userId) ?? 0;
  if (left >= turns) {
    room.set(userId, left - turns);
    return;
  }
  const limit = deps.config.maxPendingJobsPerUser;
  let pending = await deps.store.jobs.pendingCount(userId);
  if (pending < limit) {
    room.set(userId, Math.max(0, limit - pending - turns));
    return;
  }
  room.delete(userId);
  if (deps.config.onBackpressure === 'throw') throw new BackpressureError(userId, pending, limit);
  deps.events.emit({ type: 'backpressure_wait', userId, pending, limit });
  const deadline = Date.now() + deps.config.backpressureTimeoutMs;
  while (pending >= limit) {
    if (Date.now() >= deadline) throw new BackpressureError(userId, pending, limit, { details: { waitedMs: deps.config.backpressureTimeoutMs } });
    signal?.throwIfAborted();
    await new Promise((resolve) => setTimeout(resolve, REMEMBER_TUNING.backpressurePollMs));
    pending = await deps.store.jobs.pendingCount(userId);
  }
  room.set(userId, Math.max(0, limit - pending - turns));
}
