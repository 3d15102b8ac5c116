// The job queue of the in-memory test store (in-memory-store.ts): the SQL store's rules, one user's jobs in order.
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../../errors/index.ts';
import type { Job } from '../../memory/types.ts';
import type { JobRepository } from '../../store/memory-store.ts';
import { DEFAULT_MAX_ATTEMPTS, MAX_INTERRUPTIONS } from '../../store/repositories/job-repository.ts';

/** allJobs: the store's current array (a rolled-back transaction replaces it). */
export function inMemoryJobs(allJobs: () => Job[], now: () => Date): JobRepository {
  return {
    async enqueueMany(userId, inputs) {
      let created = 0;
      for (const input of inputs) {
        const known = allJobs().some((j) => j.userId === userId && j.dedupeKey === input.dedupeKey);
        await this.enqueue(userId, input);
        if (!known) created += 1;
      }
      return created;
    },
    async enqueue(userId, input) {
      const existing = allJobs().find((j) => j.userId === userId && j.dedupeKey === input.dedupeKey);
      if (existing) return existing;
      const job: Job = {
        userId,
        id: randomUUID(),
        kind: input.kind,
        payload: input.payload,
        status: 'pending',
        attempts: 0,
        interruptions: 0,
        maxAttempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        runAfter: input.runAfter ?? now(),
        lockedBy: null,
        lockedUntil: null,
        lastError: null,
        dedupeKey: input.dedupeKey,
        createdAt: now(),
        finishedAt: null,
      };
      allJobs().push(job);
      return job;
    },
    async claim(workerId, limit, leaseMs, at = now(), userId) {
      // As the SQL store: only each user's oldest unfinished job, when due.
      const heads = new Map<string, Job>();
      for (const j of allJobs()) if ((j.status === 'pending' || j.status === 'running') && !heads.has(j.userId)) heads.set(j.userId, j);
      const due = [...heads.values()].filter(
        (j) =>
          (userId === undefined || j.userId === userId) &&
          ((j.status === 'pending' && j.runAfter <= at) || (j.status === 'running' && j.lockedUntil !== null && j.lockedUntil <= at)),
      );
      return due.slice(0, limit).map((job) => {
        Object.assign(job, { status: 'running', lockedBy: workerId, lockedUntil: new Date(at.getTime() + leaseMs), attempts: job.attempts + 1 });
        return { ...job };
      });
    },
    async leaseHolders() {
      return [...new Set(allJobs().filter((j) => j.status === 'running' && j.lockedBy).map((j) => j.lockedBy!))].sort();
    },
    async expireLeases(workerIds, at = now()) {
      const jobs = allJobs().filter((j) => j.status === 'running' && j.lockedBy && workerIds.includes(j.lockedBy));
      for (const job of jobs) {
        if (!job.lockedUntil || job.lockedUntil > at) job.lockedUntil = at;
        Object.assign(job, { lockedBy: null, attempts: Math.max(job.attempts - 1, 0), interruptions: job.interruptions + 1 });
        if (job.interruptions >= MAX_INTERRUPTIONS) Object.assign(job, { status: 'failed', finishedAt: at, lastError: `its worker died while running it ${job.interruptions} times` });
      }
      return jobs.length;
    },
    async requeue(userId, jobIds) {
      const jobs = allJobs().filter((j) => j.userId === userId && j.status === 'failed' && (!jobIds || jobIds.includes(j.id)));
      for (const job of jobs) Object.assign(job, { status: 'pending', attempts: 0, interruptions: 0, runAfter: now(), finishedAt: null, lockedBy: null, lockedUntil: null });
      return jobs.length;
    },
    async runNow(userId, dedupeKey) {
      const job = allJobs().find((j) => j.userId === userId && j.dedupeKey === dedupeKey && j.status === 'pending');
      if (job && job.runAfter > now()) job.runAfter = now();
    },
    async complete(userId, jobId, workerId) {
      const job = allJobs().find((j) => j.userId === userId && j.id === jobId);
      if (!job || job.lockedBy !== workerId || job.status !== 'running') throw new NotFoundError('running job', jobId);
      Object.assign(job, { status: 'done', finishedAt: now(), lockedBy: null, lockedUntil: null });
    },
    async fail(userId, jobId, workerId, error, retryAt) {
      const job = allJobs().find((j) => j.userId === userId && j.id === jobId);
      if (!job || job.lockedBy !== workerId) throw new NotFoundError('running job', jobId);
      Object.assign(job, { lastError: error, lockedBy: null, lockedUntil: null });
      if (retryAt) Object.assign(job, { status: 'pending', runAfter: retryAt });
      else Object.assign(job, { status: 'failed', finishedAt: now() });
    },
    async list(userId, statuses) {
      return allJobs().filter((j) => j.userId === userId && (!statuses || statuses.includes(j.status))).map((j) => ({ ...j }));
    },
    async pendingCount(userId) {
      return allJobs().filter((j) => (userId === undefined || j.userId === userId) && (j.status === 'pending' || j.status === 'running')).length;
    },
  };
}
