// Applies the session rule to the store: find or open the session a turn belongs to, close sessions, and queue
// the per-session update job of each closed session (only when a model can run it).
import { startsNewSession } from '../memory/sessions.ts';
import type { Session } from '../memory/types.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import type { RememberDeps } from './deps.ts';
import { enqueueSessionJob } from './jobs.ts';

async function closeIn(deps: RememberDeps, store: MemoryStore, session: Session, closedAt: Date): Promise<Session> {
  const closed = await store.sessions.close(session.userId, session.id, closedAt);
  if (deps.chat && session.turnCount > 0) await enqueueSessionJob(deps, store, session.userId, session.id);
  return closed;
}

/** Must run inside the transaction that stores the turn, so two turns cannot both open a session. */
export async function sessionForTurn(deps: RememberDeps, store: MemoryStore, userId: string, at: Date): Promise<Session> {
  const current = await store.sessions.current(userId);
  const lastTurnAt = current && current.turnCount > 0 ? current.lastTurnAt : null;
  if (current && !startsNewSession({ lastTurnAt: lastTurnAt ?? current.startedAt, at, gapMinutes: deps.config.sessionGapMinutes })) return current;
  if (current) await closeIn(deps, store, current, current.lastTurnAt);
  return store.sessions.create(userId, at);
}

/**
 * Closes the user's open session now (end of a conversation, end of an imported session) and queues its
 * update job. Returns the closed session, or null when none was open. `at` defaults to its last turn's time.
 */
export async function closeSession(deps: RememberDeps, userId: string, at?: Date): Promise<Session | null> {
  const closed = await deps.store.transaction(async (store) => {
    const current = await store.sessions.current(userId);
    return current ? closeIn(deps, store, current, at ?? current.lastTurnAt) : null;
  });
  if (closed) deps.events.emit({ type: 'session_closed', userId, sessionId: closed.id, turnCount: closed.turnCount });
  return closed;
}
