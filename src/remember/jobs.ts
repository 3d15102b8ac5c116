// The update phase's durable job kinds. Dedupe keys make enqueueing idempotent: a turn or a session is
// processed once however often it is enqueued (a retried request, a resumed import).
import type { MemoryStore, NewJob } from '../store/memory-store.ts';
import type { RememberDeps } from './deps.ts';

export const TURN_JOB = 'remember.turn';
export const SESSION_JOB = 'remember.session';

export const turnJobKey = (turnId: string): string => `turn:${turnId}`;
export const sessionJobKey = (sessionId: string): string => `session:${sessionId}`;

/**
 * hold: the turn's images are analysed after its transaction, and its prompt shows what they hold (OCR, objects,
 * persons), so the job waits (holding the user's later jobs) until recordTurn releases it with runNow; if the
 * process dies first, it runs anyway after analysisHoldMs.
 */
export async function enqueueTurnJob(deps: RememberDeps, store: MemoryStore, userId: string, turnId: string, hold = false): Promise<void> {
  await store.jobs.enqueue(userId, turnJob(deps, turnId, hold));
}

/** The update job of one user turn (see enqueueTurnJob for `hold`). */
export function turnJob(deps: RememberDeps, turnId: string, hold = false): NewJob {
  return {
    kind: TURN_JOB,
    payload: { turnId },
    dedupeKey: turnJobKey(turnId),
    maxAttempts: deps.config.jobMaxAttempts,
    ...(hold ? { runAfter: new Date(Date.now() + deps.config.analysisHoldMs) } : {}),
  };
}

export async function enqueueSessionJob(deps: RememberDeps, store: MemoryStore, userId: string, sessionId: string): Promise<void> {
  await store.jobs.enqueue(userId, {
    kind: SESSION_JOB,
    payload: { sessionId },
    dedupeKey: sessionJobKey(sessionId),
    maxAttempts: deps.config.jobMaxAttempts,
  });
}
