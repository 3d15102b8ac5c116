// Replays an imported history through the same path live turns take (recordTurn, session close, update jobs),
// so benchmarks measure what users run. Resumable: turns already stored are skipped.
import { InvalidInputError } from '../errors/index.ts';
import { MEMORY_TYPES, type MemoryType, type Turn } from '../memory/types.ts';
import type { History, HistoryTurn } from '../memory/history.ts';
import type { CallStats } from '../model/ports.ts';
import type { RememberDeps } from './deps.ts';
import { recordTurn } from './record-turn.ts';
import { prepareTurns, storeTurns, type BulkTurnInput, type PreparedTurns } from './record-turns.ts';
import { closeSession } from './session-boundary.ts';
import { modelCallSnapshot, subtractCalls } from './budget.ts';
import { createUpdateWorker } from './worker.ts';
import type { TurnInput } from '../memory/inputs.ts';
import { REMEMBER_TUNING } from './tuning.ts';

export interface IngestOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Run the update jobs of each session before the next one (default: true when a chat model is configured). */
  drain?: boolean;
  /** Text-only turns stored per transaction (default: tuning.ts; 1: one transaction per turn, the live path). */
  batchTurns?: number;
}

export interface IngestSummary {
  userId: string;
  source: string;
  sessions: number;
  turns: { total: number; stored: number; skipped: number };
  imagesRejected: number;
  /** Live (active) memories of the user after the import, by type. */
  memories: Record<MemoryType, number>;
  /** Logical calls of the update phase during this import, by purpose and in total. */
  model: { total: CallStats; byPurpose: Record<string, CallStats> };
  jobsFailed: number;
  durationMs: number;
}

/** Where a stored turn came from, so a resumed import recognises it. */
interface HistoryOrigin {
  source: string;
  session: string;
  index: number;
}

function originOf(turn: Turn): HistoryOrigin | null {
  const origin = turn.metadata.history as HistoryOrigin | undefined;
  return origin && typeof origin.session === 'string' ? origin : null;
}

async function storedKeys(deps: RememberDeps, userId: string, source: string): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const turn of await deps.store.turns.list(userId)) {
    const origin = originOf(turn);
    if (origin && origin.source !== source) continue;
    if (turn.externalId) keys.add(`id:${turn.externalId}`);
    if (origin) keys.add(`at:${origin.session}#${origin.index}`);
  }
  return keys;
}

/** True when the user's open session ends with a turn of this history session (a resumed import may not). */
async function openSessionHolds(deps: RememberDeps, userId: string, source: string, key: string): Promise<boolean> {
  const open = await deps.store.sessions.current(userId);
  if (!open) return false;
  const [last] = await deps.store.turns.list(userId, { sessionId: open.id, order: 'desc', limit: 1 });
  const origin = last ? originOf(last) : null;
  return origin !== null && origin.source === source && origin.session === key;
}

/** A history turn as recordTurn takes it; the bench's overhead measure replays turns through the same mapping. */
export function historyTurnInput(userId: string, turn: HistoryTurn): TurnInput {
  return {
    userId,
    role: turn.role,
    text: turn.text,
    at: turn.at,
    speaker: turn.speaker ?? null,
    externalId: turn.externalId ?? null,
    images: turn.images ?? [],
  };
}

/** All or nothing: a history with a turn the store would refuse is refused whole, naming every such turn. */
function checkHistory(history: History, maxTextChars: number): void {
  const problems = history.sessions.flatMap((session) =>
    session.turns.flatMap((turn, index) =>
      turn.text.length > maxTextChars ? [`  ${turn.origin ?? `session ${session.key} turn ${index + 1}${turn.externalId ? ` (${turn.externalId})` : ''}`}: text is ${turn.text.length} characters, over the limit of ${maxTextChars}`] : [],
    ),
  );
  if (problems.length === 0) return;
  const listed = problems.length > 20 ? [...problems.slice(0, 20), `  … and ${problems.length - 20} more`] : problems;
  throw new InvalidInputError(`${problems.length} turn(s) of ${history.source} are too long to store; nothing was imported. Split them, or raise store.maxTextChars (PERSONAVLM_MAX_TEXT_CHARS):\n${listed.join('\n')}`);
}

export async function ingestHistory(deps: RememberDeps, userId: string, history: History, options: IngestOptions = {}): Promise<IngestSummary> {
  checkHistory(history, deps.config.maxTextChars);
  const started = performance.now();
  const before = modelCallSnapshot(deps);
  const total = history.sessions.reduce((sum, s) => sum + s.turns.length, 0);
  const known = await storedKeys(deps, userId, history.source);
  const drain = options.drain ?? deps.chat !== null;
  const worker = drain ? createUpdateWorker(deps, { concurrency: 1 }) : null;
  const summary = { stored: 0, skipped: 0, imagesRejected: 0 };
  let done = 0;
  let sinceDrain = 0;

  // Text-only turns are stored in batches (recordTurns: a few statements per batch); a turn with images goes
  // alone through recordTurn. A batch is one transaction, so a crash loses none of the committed ones and a
  // resume skips them; with a model, batches stay under half the backpressure limit so drains keep up.
  const batchSize = Math.max(1, Math.min(options.batchTurns ?? REMEMBER_TUNING.ingestBatchTurns, worker ? Math.floor(deps.config.maxPendingJobsPerUser / 2) : Infinity));
  let batch: BulkTurnInput[] = [];
  // Without a model, a full batch is written while the next one is prepared (its enrichment is most of the CPU of an
  // import): on PostgreSQL the server works on the one while this process enriches the other. One write at a time,
  // in order; every other step waits for it first, so what follows a flush sees every earlier turn stored.
  let writing: Promise<void> | null = null;
  const settle = async () => {
    const pending = writing;
    writing = null;
    await pending;
  };
  const counted = (stored: number) => {
    summary.stored += stored;
    sinceDrain += stored;
    done += stored;
    options.onProgress?.(done, total);
  };
  const flush = async (overlap = false) => {
    const taken = batch;
    batch = [];
    if (taken.length === 0) return settle();
    if (batchSize === 1) {
      await settle();
      await recordOne({ ...taken[0]!, userId, ...(options.signal ? { signal: options.signal } : {}) });
      counted(1);
    } else {
      let prepared: PreparedTurns;
      try {
        prepared = await prepareTurns(deps, userId, taken);
      } catch (error) {
        await settle(); // an earlier batch's failure comes first
        throw error;
      }
      await settle();
      options.signal?.throwIfAborted();
      const write = storeTurns(deps, userId, prepared, options.signal).then(() => counted(taken.length));
      if (overlap && !worker) writing = write;
      else await write;
    }
    // A session longer than the backpressure limit would otherwise wait on jobs nobody runs until its end.
    if (worker && sinceDrain * 2 >= deps.config.maxPendingJobsPerUser) {
      await worker.drain(userId);
      sinceDrain = 0;
    }
  };
  const recordOne = async (input: TurnInput) => {
    // An unreadable image drops only itself (its turn's text is stored); the warning event already names it.
    summary.imagesRejected += (await recordTurn(deps, input)).rejectedImages.length;
  };

  try {
    for (const session of history.sessions) {
      // Closed with its last turn, in that turn's transaction, when the batch stores it; else (a resumed import whose
      // last turn was stored, or a last turn with images) closed after it as before.
      let closedInBatch = false;
      for (const [index, turn] of session.turns.entries()) {
        options.signal?.throwIfAborted();
        if ((turn.externalId && known.has(`id:${turn.externalId}`)) || known.has(`at:${session.key}#${index}`)) {
          await flush();
          summary.skipped += 1;
          done += 1;
          options.onProgress?.(done, total);
          continue;
        }
        const { userId: _user, images, ...input } = historyTurnInput(userId, turn);
        const withOrigin = { ...input, metadata: { history: { source: history.source, session: session.key, index } satisfies HistoryOrigin } };
        if (images?.some((image) => image.bytes)) {
          await flush();
          await recordOne({ ...withOrigin, userId, images, ...(options.signal ? { signal: options.signal } : {}) });
          counted(1);
          continue;
        }
        const last = index === session.turns.length - 1 && batchSize > 1;
        batch.push({ ...withOrigin, ...(images && images.length > 0 ? { images } : {}), ...(last ? { endsSession: true } : {}) });
        closedInBatch ||= last;
        if (batch.length >= batchSize) await flush(true);
      }
      // Without a model nothing waits on a session's end: batches run on across sessions.
      if (worker) await flush();
      // History sessions are explicit: close each one instead of waiting for the time gap rule.
      if (!closedInBatch) {
        await flush();
        if (await openSessionHolds(deps, userId, history.source, session.key)) await closeSession(deps, userId);
      }
      if (worker) {
        await worker.drain(userId);
        sinceDrain = 0;
      }
    }

    await flush();
  } catch (error) {
    // Nothing is left writing behind a failure or an abort (the caller may close the store next).
    await settle().catch(() => undefined);
    throw error;
  }
  const memories = Object.fromEntries(MEMORY_TYPES.map((type) => [type, 0])) as Record<MemoryType, number>;
  for (const memory of await deps.store.memories.list(userId)) memories[memory.type] += 1;
  const failedJobs = await deps.store.jobs.list(userId, ['failed']);
  return {
    userId,
    source: history.source,
    sessions: history.sessions.length,
    turns: { total, stored: summary.stored, skipped: summary.skipped },
    imagesRejected: summary.imagesRejected,
    memories,
    model: subtractCalls(modelCallSnapshot(deps), before),
    jobsFailed: failedJobs.length,
    durationMs: performance.now() - started,
  };
}
