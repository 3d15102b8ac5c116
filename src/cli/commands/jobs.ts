// `personavlm jobs list|retry --user <id>`: the update phase's queue of one user. A failed job shows why
// (its last error: the model endpoint down, a reply it could not read); retry puts failed jobs back in the queue
// for the next worker (`personavlm serve`, `ingest`, `chat` run one).
import { loadConfig } from '../../config/index.ts';
import { InvalidInputError } from '../../errors/index.ts';
import { formatStamp } from '../../memory/stamp.ts';
import type { Job } from '../../memory/types.ts';
import type { Command } from '../io.ts';
import { withPersona } from '../open-persona.ts';
import { parseFlags } from '../parse-flags.ts';

const HELP = `Usage: personavlm jobs list --user <id> [--status pending,running,done,failed] [--json] [configuration flags]
       personavlm jobs retry --user <id> [job-id…]    (no id: every failed job of the user)

The memory update jobs of a user: one per user turn and one per closed session, run by a worker with the
configured chat model. list shows each job's state, attempts and last error; retry requeues failed ones.
`;

const STATUSES = ['pending', 'running', 'done', 'failed'] as const;

function line(job: Job, timeZone: string): string {
  const error = job.lastError ? `  ${job.lastError.replace(/\s+/g, ' ').slice(0, 160)}` : '';
  return `${job.id}  ${job.kind.padEnd(16)} ${job.status.padEnd(8)} ${job.attempts}/${job.maxAttempts}  ${formatStamp(job.createdAt, timeZone)}${error}`;
}

export const run: Command = async (args, io) => {
  const { values, positionals } = parseFlags(args, 'jobs', { user: { type: 'string' }, status: { type: 'string' } });
  const [action, ...ids] = positionals;
  if (values.help || !action) {
    io.stdout(HELP);
    return values.help ? 0 : 2;
  }
  if (action !== 'list' && action !== 'retry') throw new InvalidInputError(`Unknown jobs action "${action}": use list or retry.`);
  if (typeof values.user !== 'string' || values.user === '') throw new InvalidInputError('--user <id> is required: whose jobs.');
  const statuses = typeof values.status === 'string' ? values.status.split(',').map((part) => part.trim()).filter(Boolean) : undefined;
  const unknown = statuses?.filter((status) => !(STATUSES as readonly string[]).includes(status)) ?? [];
  if (unknown.length > 0) throw new InvalidInputError(`--status takes ${STATUSES.join(', ')}; got ${unknown.join(', ')}.`);
  const config = await loadConfig({ flags: values, env: io.env, cwd: io.cwd });
  const user = values.user;
  return withPersona(io, config, { vision: false, model: null, embedder: null }, async (persona) => {
    const json = values.json || !io.isTty;
    if (action === 'retry') {
      const requeued = await persona.jobs.retry(user, ids.length > 0 ? ids : undefined);
      io.stdout(json ? `${JSON.stringify({ requeued })}\n` : `Requeued ${requeued} failed job(s); a running worker (serve, ingest, chat) picks them up.\n`);
      return 0;
    }
    const jobs = await persona.jobs.list(user, statuses as Job['status'][] | undefined);
    io.stdout(json ? `${JSON.stringify(jobs)}\n` : jobs.length === 0 ? 'No jobs.\n' : `${jobs.map((job) => line(job, config.memory.timeZone)).join('\n')}\n`);
    return 0;
  });
};
