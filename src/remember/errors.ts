// Errors of the update phase. Codes are stable; messages say what to do.
import { PersonaError, type PersonaErrorOptions } from '../errors/index.ts';

/** Too many update jobs are waiting for this user (onBackpressure 'throw', or the wait timed out). */
export class BackpressureError extends PersonaError {
  override readonly isRetryable = true;
  constructor(userId: string, pending: number, limit: number, options?: PersonaErrorOptions) {
    super(
      'backpressure',
      `User "${userId}" has ${pending} memory update jobs waiting (limit ${limit}). Start an update worker, wait for it to catch up, or raise memory.maxPendingJobsPerUser (PERSONAVLM_MAX_PENDING_JOBS).`,
      { ...options, details: { userId, pending, limit, ...options?.details } },
    );
    this.name = 'BackpressureError';
  }
}

/** A job's lease passed to another worker while this one worked: its effects are dropped, not applied twice. */
export class JobLeaseLostError extends PersonaError {
  constructor(jobId: string, workerId: string, options?: PersonaErrorOptions) {
    super('job_lease_lost', `Job ${jobId} is no longer leased to worker ${workerId}; its result was discarded because another worker took it over. Raise leaseMs if model calls are slow.`, {
      ...options,
      details: { jobId, workerId, ...options?.details },
    });
    this.name = 'JobLeaseLostError';
  }
}

/**
 * The model's reply stopped at the output-token limit: its JSON is cut, and what it would have said after the cut
 * is lost. A failed attempt (retried, then the job fails with this reason), never a job done with half its memories.
 */
export class TruncatedOutputError extends PersonaError {
  override readonly isRetryable = true;
  constructor(promptId: string, outputTokens: number, options?: PersonaErrorOptions) {
    super('model_output_truncated', `The reply to ${promptId} was cut off at the output limit (${outputTokens} tokens), so part of it is missing. A model that writes shorter answers, or a larger server-side limit, fixes it.`, {
      ...options,
      details: { promptId, outputTokens, ...options?.details },
    });
    this.name = 'TruncatedOutputError';
  }
}
