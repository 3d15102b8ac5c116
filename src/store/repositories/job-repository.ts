import { randomUUID } from 'node:crypto';
import { NotFoundError, StoreError } from '../../errors/index.ts';
import type { Job } from '../../memory/types.ts';
import type { JobPage, JobRepository, NewJob } from '../memory-store.ts';
import { toJob } from '../rows.ts';
import type { SqlRow } from '../sql-executor.ts';
import type { StoreContext } from '../store-context.ts';
import { checkId, dateSchema, newJobSchema, parseInput } from '../validation.ts';
import { z } from 'zod';

export const DEFAULT_MAX_ATTEMPTS = 3;
/** A job whose worker died this often while running it is failed: it may be what kills the worker. */
export const MAX_INTERRUPTIONS = 10;
const workerSchema = z.string().min(1).max(200);
const statusListSchema = z.array(z.enum(['pending', 'running', 'done', 'failed'])).optional();
const jobPageSchema = z.object({ order: z.enum(['asc', 'desc']).optional(), limit: z.number().int().min(1).max(100_000).optional() }).strict();

/** Built once: a zod schema costs 10–40 µs to build, paid per call when built inline. */
const newJobsSchema = z.array(newJobSchema).max(1000);

export class SqlJobRepository implements JobRepository {
  readonly #context: StoreContext;

  constructor(context: StoreContext) {
    this.#context = context;
  }

  async enqueue(userId: string, job: NewJob): Promise<Job> {
    checkId(userId, 'user id');
    const j = parseInput(newJobSchema, job, 'job');
    const [inserted] = await this.#insert(userId, [j]);
    if (inserted) return toJob(inserted);
    const existing = await this.#context.db.query('select * from jobs where user_id = $1 and dedupe_key = $2', [userId, j.dedupeKey]);
    return toJob(existing[0]!);
  }

  async enqueueMany(userId: string, jobs: readonly NewJob[]): Promise<number> {
    checkId(userId, 'user id');
    const inputs = parseInput(newJobsSchema, jobs, 'jobs');
    return inputs.length === 0 ? 0 : (await this.#insert(userId, inputs)).length;
  }

  /**
   * One statement: the user row made if missing (the inserts see it: foreign keys are checked at the end of the
   * statement), the jobs inserted in the order given (seq, the per-user queue order, follows the row order) unless
   * their key is queued or done already. Returns the rows inserted. A job due now is due at the millisecond: the
   * server clock has microseconds, a claim's `now` (a JS Date) has not, and a claim in the same millisecond must
   * see the job.
   */
  async #insert(userId: string, jobs: readonly z.output<typeof newJobSchema>[]): Promise<SqlRow[]> {
    const params: unknown[] = [userId];
    const values = jobs.map((j) => {
      const at = params.length;
      params.push(randomUUID(), j.kind, JSON.stringify(j.payload), j.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, j.runAfter ?? null, j.dedupeKey);
      return `($1, $${at + 1}, $${at + 2}, $${at + 3}::jsonb, 'pending', $${at + 4}::int, coalesce($${at + 5}::timestamptz, date_trunc('milliseconds', now())), $${at + 6})`;
    });
    return this.#context.db.query(
      `with user_row as (insert into users (user_id) values ($1) on conflict (user_id) do nothing)
       insert into jobs (user_id, id, kind, payload, status, max_attempts, run_after, dedupe_key)
       values ${values.join(', ')} on conflict (user_id, dedupe_key) do nothing returning *`,
      params,
    );
  }

  /**
   * The one cross-user write: workers serve every tenant. A job whose lease ran out is due again; one that has
   * used all its attempts is failed instead of being claimed forever.
   */
  async claim(workerId: string, limit: number, leaseMs: number, now: Date = new Date(), userId?: string): Promise<Job[]> {
    parseInput(workerSchema, workerId, 'worker id');
    parseInput(z.number().int().min(1).max(1000), limit, 'claim limit');
    parseInput(z.number().int().min(1), leaseMs, 'lease milliseconds');
    parseInput(dateSchema, now, 'claim time');
    if (userId !== undefined) checkId(userId, 'user id');
    const lockedUntil = new Date(now.getTime() + leaseMs);
    return this.#context.db.transaction(async (tx) => {
      await tx.query(
        `update jobs set status = 'failed', finished_at = $1, locked_by = null, locked_until = null,
           last_error = coalesce(last_error || '; ', '') || 'lease expired after the last attempt'
         where status = 'running' and locked_until <= $1 and attempts >= max_attempts
           and ($2::text is null or user_id = $2)`,
        [now, userId ?? null],
      );
      // Only each user's oldest unfinished job (its head) can be claimed, and only when it is due: one user's jobs
      // run one at a time in queue order across every worker and process; a head waiting for its run_after (a
      // retry's backoff, a turn whose images are still being read) holds that user's later jobs, nobody else's.
      const rows = await tx.query(
        `with heads as (
           select distinct on (user_id) user_id, id from jobs
           where status in ('pending', 'running') and ($2::text is null or user_id = $2)
           order by user_id, seq
         ), due as (
           select j.user_id, j.id from jobs j join heads h on h.user_id = j.user_id and h.id = j.id
           where (j.status = 'pending' and j.run_after <= $1) or (j.status = 'running' and j.locked_until <= $1)
           order by j.run_after, j.seq
           limit $3
           for update of j skip locked
         )
         update jobs j set status = 'running', locked_by = $4, locked_until = $5, attempts = j.attempts + 1
         from due where j.user_id = due.user_id and j.id = due.id
         returning j.*`,
        [now, userId ?? null, limit, workerId, lockedUntil],
      );
      return rows.map(toJob).sort((a, b) => a.runAfter.getTime() - b.runAfter.getTime() || a.createdAt.getTime() - b.createdAt.getTime());
    });
  }

  async leaseHolders(): Promise<string[]> {
    const rows = await this.#context.db.query<{ locked_by: string }>(
      `/* all users: workers serve every tenant */ select distinct locked_by from jobs where status = 'running' and locked_by is not null order by locked_by`,
    );
    return rows.map((row) => row.locked_by);
  }

  async expireLeases(workerIds: string[], now: Date = new Date()): Promise<number> {
    const ids = parseInput(z.array(workerSchema).max(1000), workerIds, 'worker ids');
    if (ids.length === 0) return 0;
    // The dead worker's try is given back (it did not fail) and counted as an interruption; locked_by is cleared so
    // two workers recovering the same dead one at once give it back once.
    const rows = await this.#context.db.query(
      `/* all users: a dead worker's leases, whoever's jobs */
       update jobs set locked_until = least(locked_until, $2), locked_by = null,
         attempts = greatest(attempts - 1, 0), interruptions = interruptions + 1,
         status = case when interruptions + 1 >= $3 then 'failed' else status end,
         finished_at = case when interruptions + 1 >= $3 then $2 else finished_at end,
         last_error = case when interruptions + 1 >= $3
           then coalesce(last_error || '; ', '') || 'its worker died while running it ' || (interruptions + 1) || ' times (killed, crashed or out of memory): it may be what crashes the worker; requeue it with jobs retry once that is ruled out'
           else last_error end
       where status = 'running' and locked_by = any($1::text[]) returning 1`,
      [ids, now, MAX_INTERRUPTIONS],
    );
    return rows.length;
  }

  async requeue(userId: string, jobIds?: string[]): Promise<number> {
    checkId(userId, 'user id');
    const ids = jobIds === undefined ? null : parseInput(z.array(z.string().min(1).max(200)).max(10_000), jobIds, 'job ids');
    const rows = await this.#context.db.query(
      `update jobs set status = 'pending', attempts = 0, interruptions = 0, run_after = $3, finished_at = null, locked_by = null, locked_until = null
       where user_id = $1 and status = 'failed' and ($2::text[] is null or id = any($2::text[])) returning 1`,
      [userId, ids, new Date()],
    );
    return rows.length;
  }

  async runNow(userId: string, dedupeKey: string): Promise<void> {
    checkId(userId, 'user id');
    parseInput(z.string().min(1).max(1000), dedupeKey, 'dedupe key');
    await this.#context.db.query(
      `update jobs set run_after = least(run_after, $3) where user_id = $1 and dedupe_key = $2 and status = 'pending'`,
      [userId, dedupeKey, new Date()],
    );
  }

  async complete(userId: string, jobId: string, workerId: string): Promise<void> {
    checkId(userId, 'user id');
    checkId(jobId, 'job id');
    const rows = await this.#context.db.query(
      `update jobs set status = 'done', finished_at = now(), locked_by = null, locked_until = null
       where user_id = $1 and id = $2 and status = 'running' and locked_by = $3 returning 1`,
      [userId, jobId, workerId],
    );
    if (rows.length === 0) throw await this.#leaseLost(userId, jobId, workerId);
  }

  async fail(userId: string, jobId: string, workerId: string, error: string, retryAt: Date | null): Promise<void> {
    checkId(userId, 'user id');
    checkId(jobId, 'job id');
    if (retryAt !== null) parseInput(dateSchema, retryAt, 'retry time');
    // Retry only while attempts remain; otherwise the job is failed for good.
    const rows = await this.#context.db.query(
      `update jobs set
         status = case when $5::timestamptz is not null and attempts < max_attempts then 'pending' else 'failed' end,
         run_after = coalesce($5, run_after),
         finished_at = case when $5::timestamptz is not null and attempts < max_attempts then null else now() end,
         locked_by = null, locked_until = null, last_error = $4
       where user_id = $1 and id = $2 and status = 'running' and locked_by = $3 returning 1`,
      [userId, jobId, workerId, error.slice(0, 10_000), retryAt],
    );
    if (rows.length === 0) throw await this.#leaseLost(userId, jobId, workerId);
  }

  async #leaseLost(userId: string, jobId: string, workerId: string): Promise<Error> {
    const rows = await this.#context.db.query('select status, locked_by from jobs where user_id = $1 and id = $2', [userId, jobId]);
    if (!rows[0]) return new NotFoundError('job', jobId);
    const state = `status ${String(rows[0].status)}, leased to ${String(rows[0].locked_by ?? 'nobody')}`;
    return new StoreError(`Job "${jobId}" is not running under worker "${workerId}" (${state}): its lease expired or it was finished elsewhere. Do not report its result twice.`, {
      details: { userId, jobId, workerId },
    });
  }

  async list(userId: string, status?: Job['status'][], page: JobPage = {}): Promise<Job[]> {
    checkId(userId, 'user id');
    const statuses = parseInput(statusListSchema, status, 'job status list');
    const { order, limit } = parseInput(jobPageSchema, page, 'job page');
    const rows = await this.#context.db.query(
      `select * from jobs where user_id = $1 and ($2::text[] is null or status = any($2::text[]))
       order by seq ${order === 'desc' ? 'desc' : 'asc'} limit $3`,
      [userId, statuses ?? null, limit ?? null],
    );
    return rows.map(toJob);
  }

  async pendingCount(userId?: string): Promise<number> {
    if (userId !== undefined) checkId(userId, 'user id');
    const rows = await this.#context.db.query<{ n: number }>(
      `select count(*)::int as n from jobs where status in ('pending', 'running') and ($1::text is null or user_id = $1)`,
      [userId ?? null],
    );
    return Number(rows[0]!.n);
  }
}
