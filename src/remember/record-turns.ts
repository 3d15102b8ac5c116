// recordTurns: many text-only turns of one user in one transaction, in a fixed number of statements per session
// they fall in (bulk import). The same rules as recordTurn, turn by turn: the session gap rule (closing sessions
// and queueing their jobs), the enrichment and photo notes of captions, one update job per user turn when a model
// is configured, the embedding; what differs is only how many statements carry them. Turns with image bytes go
// through recordTurn (their images are decoded, stored and analysed one by one).
import { InvalidInputError } from '../errors/index.ts';
import type { Session, Turn, TurnEnrichment } from '../memory/types.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import { MAX_BATCH_TURNS } from '../store/repositories/turn-repository.ts';
import { awaitCapacity } from './backpressure.ts';
import type { RememberDeps } from './deps.ts';
import { turnJob } from './jobs.ts';
import { embedTurns, turnAnnotations, validateTurnInput, warnIfNoModel } from './record-turn.ts';
import { closeIn, opensNewSession, sessionAfter } from './session-boundary.ts';
import { prepareTurnImages } from './turn-images.ts';
import type { TurnInput } from '../memory/inputs.ts';

/** Images only as captions (LoCoMo's BLIP captions): pixels go through recordTurn. */
export type BulkTurnInput = Omit<TurnInput, 'userId' | 'signal'> & {
  /** The last turn of a session the source marks (an imported history's session): it is closed right after it. */
  endsSession?: boolean;
};

/** Stores the turns in order; returns them as stored. */
export async function recordTurns(deps: RememberDeps, userId: string, inputs: readonly BulkTurnInput[], signal?: AbortSignal): Promise<Turn[]> {
  return storeTurns(deps, userId, await prepareTurns(deps, userId, inputs), signal);
}

/** Turns checked and annotated (enrichment, photo notes), not yet stored: the CPU half of recordTurns. */
export interface PreparedTurns {
  readonly entries: readonly Enriched[];
}

/** Turns annotated between two returns to the event loop (a turn's annotation is ~0.2 ms). */
const YIELD_EVERY = 4;

/** Checks and annotates the turns (no store access): an import prepares the next batch while this one is written. */
export async function prepareTurns(deps: RememberDeps, userId: string, inputs: readonly BulkTurnInput[]): Promise<PreparedTurns> {
  for (const input of inputs) {
    validateTurnInput({ ...input, userId });
    if (input.images?.some((image) => image.bytes)) throw new InvalidInputError('recordTurns takes turns whose images are captions only; record a turn with image bytes with recordTurn.');
  }
  const entries: Enriched[] = [];
  for (const [index, input] of inputs.entries()) {
    entries.push({ input, ...turnAnnotations(deps, input, await prepareTurnImages(deps, input.images ?? [])) });
    // Back to the event loop now and then: a write in flight (the batch before) gets its replies read and its next
    // statement sent, instead of waiting behind the whole batch's enrichment.
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  return { entries };
}

/** Stores prepared turns in one transaction, in order (the store half of recordTurns); returns them as stored. */
export async function storeTurns(deps: RememberDeps, userId: string, prepared: PreparedTurns, signal?: AbortSignal): Promise<Turn[]> {
  const enriched = prepared.entries;
  if (enriched.length === 0) return [];
  await awaitCapacity(deps, userId, signal, enriched.filter(({ input }) => input.role === 'user').length);
  const closed: Session[] = [];
  const turns = await deps.store.transaction(async (store) => {
    const stored: Turn[] = [];
    // `session` is the open session as the store will hold it once the pending group is appended (turn_count + n,
    // greatest last_turn_at): the gap rule decides on it exactly as it would turn by turn.
    let session: Session | null = await store.sessions.current(userId);
    let group: Enriched[] = [];
    const flush = async () => {
      if (group.length === 0 || !session) return;
      stored.push(...await appendGroup(deps, store, userId, session, group));
      group = [];
    };
    for (const entry of enriched) {
      if (!session || opensNewSession(session, entry.input.at, deps.config.sessionGapMinutes)) {
        await flush();
        session = await sessionAfter(deps, store, userId, session, entry.input.at);
      }
      group.push(entry);
      session = { ...session, turnCount: session.turnCount + 1, lastTurnAt: new Date(Math.max(session.lastTurnAt.getTime(), entry.input.at.getTime())) };
      if (entry.input.endsSession) {
        await flush();
        closed.push(await closeIn(deps, store, session, session.lastTurnAt));
        session = null;
      } else if (group.length >= MAX_BATCH_TURNS) await flush();
    }
    await flush();
    return stored;
  });
  if (turns.some((turn) => turn.role === 'user')) warnIfNoModel(deps);
  await embedTurns(deps, turns);
  for (const turn of turns) deps.events.emit({ type: 'turn_recorded', userId, turnId: turn.id, sessionId: turn.sessionId, role: turn.role });
  for (const session of closed) deps.events.emit({ type: 'session_closed', userId, sessionId: session.id, turnCount: session.turnCount });
  return turns;
}

interface Enriched {
  input: BulkTurnInput;
  enrichment: TurnEnrichment;
  metadata: Record<string, unknown>;
}

async function appendGroup(deps: RememberDeps, store: MemoryStore, userId: string, session: Session, group: readonly Enriched[]): Promise<Turn[]> {
  const appended = await store.turns.appendMany(userId, group.map(({ input, enrichment, metadata }) => ({
    sessionId: session.id,
    role: input.role,
    speaker: input.speaker ?? null,
    text: input.text,
    at: input.at,
    externalId: input.externalId ?? null,
    metadata,
    enrichment,
  })));
  if (deps.chat) await store.jobs.enqueueMany(userId, appended.filter((turn) => turn.role === 'user').map((turn) => turnJob(deps, turn.id)));
  return appended;
}
