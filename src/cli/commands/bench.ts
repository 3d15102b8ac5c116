// `personavlm bench <dataset> …`: one entry, a lazily loaded runner per dataset. Add a dataset with one line
// in BENCH_TARGETS; each target module exports `run: Command` and parses its own options (e.g. --mode).
import { InvalidInputError } from '../../errors/index.ts';
import type { Command } from '../io.ts';

export const BENCH_TARGETS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  locomo: { summary: 'LoCoMo: --mode retrieval (evidence recall at token budgets, no model) or --mode qa (answers: F1 + judge)', load: async () => (await import('./bench-locomo.ts')).run },
  'persona-mme': { summary: 'Persona-MME: multiple choice per aspect and task, alignment yes/no (needs a model)', load: async () => (await import('./bench-persona-mme.ts')).run },
  personamem: { summary: 'PersonaMem: multiple choice per question type over context prefixes (needs a model)', load: async () => (await import('./bench-personamem.ts')).run },
  cost: { summary: 'Update-phase cost: model calls and tokens per 100 turns, fixed vs paper budget, non-model overhead (no model)', load: async () => (await import('./bench-cost.ts')).run },
  vision: { summary: 'Offline image analyzers: cold start, median ms per image, peak memory (no model)', load: async () => (await import('./bench-vision.ts')).run },
  scenarios: { summary: 'Recorded real-model scenarios: facts stored right/wrong/missing, questions answered (replayed; --record asks a model)', load: async () => (await import('./bench-scenarios.ts')).run },
  ingest: { summary: 'Ingest turns/s, statements per turn and MiB per 1k turns, one-turn vs batched path, on PGlite and PostgreSQL', load: async () => (await import('./bench-ingest.ts')).run },
  'recall-latency': { summary: 'Recall p50/p95/p99 at 1k/10k(/100k) turns per user on PGlite and PostgreSQL, beside FTS and vector search alone', load: async () => (await import('./bench-latency.ts')).run },
};

const help = (): string =>
  [
    'Usage: personavlm bench <dataset> [options]   (personavlm bench <dataset> --help for its options)',
    '',
    ...Object.entries(BENCH_TARGETS).map(([name, target]) => `  ${name.padEnd(14)} ${target.summary}`),
    '',
  ].join('\n');

export const run: Command = async (args, io) => {
  const [name, ...rest] = args;
  if (!name || name === '--help' || name === '-h') {
    io.stdout(help());
    return name ? 0 : 2;
  }
  const target = BENCH_TARGETS[name];
  if (!target) throw new InvalidInputError(`Unknown benchmark "${name}". Choose one of: ${Object.keys(BENCH_TARGETS).join(', ')}.`);
  return (await target.load())(rest, io);
};
