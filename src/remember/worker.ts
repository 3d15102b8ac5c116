// The durable update worker. Jobs live in the database; a worker leases them, runs the model OUTSIDE any
// transaction, then applies the writes and marks the job done in ONE transaction after checking it still holds
// the lease. A crashed or stalled worker's job is re-leased when its lease expires; the stale worker's late
// result is discarded (JobLeaseLostError), so a memory is never lost nor written twice.
import { PersonaError } from '../errors/index.ts';
import type { Job } from '../memory/types.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import type { RememberDeps } from './deps.ts';
import { JobLeaseLostError } from './errors.ts';
import type { JobPlan } from './job-context.ts';
import { SESSION_JOB, TURN_JOB } from './jobs.ts';
import { planSessionJob } from './session-job.ts';
import { planTurnJob } from './turn-job.ts';
import { embedMemories } from './embed-memories.ts';
import { deadLocalWorkers, newWorkerId } from './worker-identity.ts';
import { REMEMBER_TUNING } from './tuning.ts';

export interface UpdateWorkerOptions {
  /** Jobs run at once (across users; one user's jobs always run one after another, in order). Default: tuning.ts. */
  concurrency?: number;
  /** How long a claimed job stays leased; set above the slowest model call. Default: tuning.ts (5 minutes). */
  leaseMs?: number;
  /** Backoff base (doubles per attempt) and attempts before a job is failed. Defaults: tuning.ts, the job's own. */
  retry?: { baseMs?: number; maxAttempts?: number };
  /** Idle poll interval of start(). Default: tuning.ts. */
  pollMs?: number;
  workerId?: string;
}

export interface UpdateWorker {
  readonly id: string;
  /** Polls and runs jobs in the background until stop(). */
  start(): void;
  /** Stops polling, aborts in-flight model calls and waits for them to settle (their jobs are re-leased later). */
  stop(): Promise<void>;
  /** Resolves when no job of the user (or of anyone) is pending or running; runs them itself when not started. */
  drain(userId?: string): Promise<void>;
}

const planners: Record<string, (deps: RememberDeps, job: Job, signal?: AbortSignal) => Promise<JobPlan>> = {
  [TURN_JOB]: planTurnJob,
  [SESSION_JOB]: planSessionJob,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function assertLease(store: MemoryStore, job: Job, workerId: string): Promise<void> {
  const current = (await store.jobs.list(job.userId, ['running'])).find((j) => j.id === job.id);
  if (!current || current.lockedBy !== workerId) throw new JobLeaseLostError(job.id, workerId);
}

export function createUpdateWorker(deps: RememberDeps, options: UpdateWorkerOptions = {}): UpdateWorker {
  const id = options.workerId ?? newWorkerId();
  const concurrency = Math.max(1, options.concurrency ?? REMEMBER_TUNING.workerConcurrency);
  const leaseMs = options.leaseMs ?? REMEMBER_TUNING.leaseMs;
  const baseMs = options.retry?.baseMs ?? REMEMBER_TUNING.retryBaseMs;
  const pollMs = options.pollMs ?? REMEMBER_TUNING.pollMs;
  let controller = new AbortController();
  let running = false;
  let loop: Promise<void> | null = null;
  const inFlight = new Set<Promise<void>>();
  /** Per user, the tail of its chain: a user's jobs run in claim order, never two at once (PEM is sequential). */
  const userTails = new Map<string, Promise<void>>();

  async function execute(job: Job): Promise<void> {
    const planner = planners[job.kind];
    try {
      if (!planner) throw new PersonaError('job_kind_unknown', `No handler for job kind "${job.kind}"; upgrade the worker or delete the job.`);
      const plan = await planner(deps, job, controller.signal);
      const outcome = await deps.store.transaction(async (tx) => {
        await assertLease(tx, job, id);
        const result = await plan.apply(tx);
        await tx.jobs.complete(job.userId, job.id, id);
        return result;
      });
      for (const event of outcome.events) deps.events.emit(event);
      await embedMemories(deps, job.userId, outcome.written);
      deps.events.emit({ type: 'job_done', userId: job.userId, jobId: job.id, kind: job.kind });
    } catch (error) {
      await handleFailure(job, error);
    }
  }

  async function handleFailure(job: Job, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof JobLeaseLostError) {
      deps.events.warn('job_lease_lost', message, { jobId: job.id, workerId: id });
      return;
    }
    const maxAttempts = Math.min(job.maxAttempts, options.retry?.maxAttempts ?? job.maxAttempts);
    const aborted = controller.signal.aborted;
    const retryable = aborted || (PersonaError.isInstance(error) && error.isRetryable);
    const retryAt = retryable && (aborted || job.attempts < maxAttempts) ? new Date(Date.now() + (aborted ? 0 : baseMs * 2 ** Math.max(0, job.attempts - 1))) : null;
    try {
      await deps.store.jobs.fail(job.userId, job.id, id, message, retryAt);
    } catch (failError) {
      // The lease moved to another worker meanwhile: that worker owns the job's fate now.
      deps.events.warn('job_lease_lost', `Could not record the failure of job ${job.id}: ${String(failError)}`, { jobId: job.id, workerId: id });
      return;
    }
    if (retryAt) deps.events.emit({ type: 'job_retry', userId: job.userId, jobId: job.id, kind: job.kind, attempt: job.attempts, retryAt, error: message });
    else
      deps.events.warn('job_failed', `Memory update job ${job.kind} ${job.id} failed after ${job.attempts} attempt(s): ${message}`, {
        jobId: job.id,
        kind: job.kind,
        code: PersonaError.isInstance(error) ? error.code : null,
      });
  }

  function dispatch(job: Job): Promise<void> {
    const previous = userTails.get(job.userId) ?? Promise.resolve();
    const run = previous.then(() => execute(job));
    userTails.set(job.userId, run);
    const tracked = run.finally(() => {
      inFlight.delete(tracked);
      if (userTails.get(job.userId) === run) userTails.delete(job.userId);
    });
    inFlight.add(tracked);
    return tracked;
  }

  /** Ends the leases of workers that died on this host (kill -9, a crash): their jobs are due again at once. */
  let recoveredAt = 0;
  async function recoverDeadLeases(): Promise<void> {
    // A look at the lease holders every few seconds is plenty: a dead worker's jobs wait that long at most.
    if (Date.now() - recoveredAt < REMEMBER_TUNING.deadWorkerCheckMs) return;
    recoveredAt = Date.now();
    const dead = deadLocalWorkers(await deps.store.jobs.leaseHolders());
    if (dead.length === 0) return;
    const jobs = await deps.store.jobs.expireLeases(dead);
    deps.events.warn('job_lease_recovered', `Took back ${jobs} job(s) leased by worker(s) no longer running on this host: ${dead.join(', ')}.`, { workers: dead, jobs });
  }

  /** Claims what fits and dispatches it; returns how many jobs were claimed. */
  async function tick(userId?: string): Promise<number> {
    const room = concurrency - inFlight.size;
    if (room <= 0) return 0;
    await recoverDeadLeases();
    const jobs = await deps.store.jobs.claim(id, room, leaseMs, new Date(), userId);
    for (const job of jobs) void dispatch(job);
    return jobs.length;
  }

  return {
    id,
    start() {
      if (running) return;
      running = true;
      controller = new AbortController();
      loop = (async () => {
        while (running) {
          try {
            const claimed = await tick();
            if (claimed === 0) await (inFlight.size >= concurrency ? Promise.race(inFlight) : sleep(pollMs));
          } catch (error) {
            deps.events.warn('worker_poll_failed', `Update worker ${id} could not claim jobs: ${String(error)}`, { workerId: id });
            await sleep(pollMs);
          }
        }
      })();
    },
    async stop() {
      running = false;
      controller.abort(new PersonaError('worker_stopped', `Update worker ${id} was stopped.`));
      await loop;
      await Promise.allSettled([...inFlight]);
      loop = null;
    },
    async drain(userId) {
      for (;;) {
        if (inFlight.size > 0) await Promise.race(inFlight);
        if ((await deps.store.jobs.pendingCount(userId)) === 0 && inFlight.size === 0) return;
        const claimed = running ? 0 : await tick(userId);
        if (claimed === 0 && inFlight.size === 0) await sleep(running ? pollMs : Math.min(pollMs, REMEMBER_TUNING.drainPollMs));
      }
    },
  };
}
