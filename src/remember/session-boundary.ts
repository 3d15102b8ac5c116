// Applies the session rule to the store: find or open the session a turn belongs to, close sessions, and queue
// the per-session update job of each closed session (only when a model can run it).
import { startsNewSession } from '../memory/sessions.ts';
import type { Session } from '../memory/types.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import type { RememberDeps } from './deps.ts';
import { enqueueSessionJob } from './jobs.ts';

/** Closes the session and queues its update job (when it has turns and a model can run it). */
export async function closeIn(deps: RememberDeps, store: MemoryStore, session: Session, closedAt: Date): Promise<Session> {
  const closed = await store.sessions.close(session.userId, session.id, closedAt);
  if (deps.chat && session.turnCount > 0) await enqueueSessionJob(deps, store, session.userId, session.id);
  return closed;
}

/** Must run inside the transaction that stores the turn, so two turns cannot both open a session. */
export async function sessionForTurn(deps: RememberDeps, store: MemoryStore, userId: string, at: Date): Promise<Session> {
  return sessionAfter(deps, store, userId, await store.sessions.current(userId), at);
}

/**
 * The session a turn at `at` joins, given the user's open one as it stands (null: none): that one, or a new one
 * after closing it. Bulk import calls it per turn with the session it keeps up to date, reading nothing.
 */
export async function sessionAfter(deps: RememberDeps, store: MemoryStore, userId: string, current: Session | null, at: Date): Promise<Session> {
  if (current && !opensNewSession(current, at, deps.config.sessionGapMinutes)) return current;
  if (current) await closeIn(deps, store, current, current.lastTurnAt);
  return store.sessions.create(userId, at);
}

/** The gap rule against the open session as stored: from its last turn, or its start while it has none. */
export function opensNewSession(current: Session, at: Date, gapMinutes: number): boolean {
  const lastTurnAt = current.turnCount > 0 ? current.lastTurnAt : null;
  return startsNewSession({ lastTurnAt: lastTurnAt ?? current.startedAt, at, gapMinutes });
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
