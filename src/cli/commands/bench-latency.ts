// `personavlm bench recall-latency`: recall p50/p95/p99 at several memory sizes per user, on PGlite and on
// PostgreSQL, beside a bare in-process BM25 floor (and the store's vector search), with memory and database size.
import { basename, resolve } from 'node:path';
import { latencyMarkdown } from '../../bench/latency/latency-markdown.ts';
import { runLatency } from '../../bench/latency/run-latency.ts';
import type { Engine } from '../../bench/latency/engine-store.ts';
import { loadLocomo } from '../../datasets/locomo/load-locomo.ts';
import { optionalPositiveInt, parseBenchFlags, requiredString, writeAndPrintReport } from './bench-support.ts';
import { InvalidInputError } from '../../errors/index.ts';
import { FixedTextEmbedder } from '../../test/fixed-text-embedder.ts';
import type { Command } from '../io.ts';

const DEFAULT_DATA = '../shared/data/locomo/locomo-dev.json';

const HELP = `Usage: personavlm bench recall-latency --out <dir> [--sizes 1000,10000] [--engines pglite,postgres]
       [--data ${DEFAULT_DATA}] [--postgres-url <url>] [--embedder none|hash] [--dimensions 384]
       [--queries 50] [--repeats 2] [--users 3] [--budget 2000]

For each engine and size N: N synthetic turns per user (a seeded word-bigram chain learnt from the LoCoMo turns
of --data; 1 semantic memory per 10 turns) for the owner and the other users, loaded through the store API;
then persona.recall() is timed over the LoCoMo questions (interleaved with store.search.vector through pgvector
and as an exact scan with --embedder hash, a deterministic hashing embedder standing in for a real one), and
the ranking view alone beside a bare in-process BM25 top-20 over the same turns, the floor. PostgreSQL needs --postgres-url or PERSONAVLM_TEST_POSTGRES_URL (else it
is skipped, with the reason); each run uses its own schema, dropped afterwards. 100000 is opt-in: on PGlite its
load takes a long while. Writes <dir>/report.md and <dir>/report.json.
`;

function parseList<T extends string | number>(value: unknown, fallback: T[], read: (part: string) => T | undefined, what: string): T[] {
  if (value === undefined) return fallback;
  const parts = String(value).split(',').map((part) => part.trim()).filter(Boolean);
  const items = parts.map(read);
  if (items.length === 0 || items.some((item) => item === undefined)) throw new InvalidInputError(`${what}; got "${String(value)}".`);
  return [...new Set(items as T[])];
}

export const run: Command = async (args, io) => {
  const values = parseBenchFlags(args, 'recall-latency', {
    data: { type: 'string' }, out: { type: 'string' }, sizes: { type: 'string' }, engines: { type: 'string' }, 'postgres-url': { type: 'string' },
    embedder: { type: 'string' }, dimensions: { type: 'string' }, queries: { type: 'string' }, repeats: { type: 'string' }, users: { type: 'string' },
    budget: { type: 'string' },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const outDir = resolve(io.cwd, requiredString(values, 'out', 'the folder for report.md and report.json'));
  const dataPath = resolve(io.cwd, typeof values.data === 'string' ? values.data : DEFAULT_DATA);
  const sizes = parseList(values.sizes, [1000, 10000], (part) => (/^\d+$/.test(part) && Number(part) > 0 ? Number(part) : undefined), '--sizes takes positive whole numbers separated by commas, e.g. 1000,10000,100000');
  const engines = parseList<Engine>(values.engines, ['pglite', 'postgres'], (part) => (part === 'pglite' || part === 'postgres' ? part : undefined), '--engines takes pglite and/or postgres, separated by commas');
  const embedderName = typeof values.embedder === 'string' ? values.embedder : 'none';
  if (embedderName !== 'none' && embedderName !== 'hash') throw new InvalidInputError(`--embedder takes none or hash; got "${embedderName}".`);
  const dimensions = optionalPositiveInt(values, 'dimensions') ?? 384;
  const postgresUrl = typeof values['postgres-url'] === 'string' ? values['postgres-url'] : io.env.PERSONAVLM_TEST_POSTGRES_URL;
  const users = optionalPositiveInt(values, 'users');
  const queries = optionalPositiveInt(values, 'queries');
  const repeats = optionalPositiveInt(values, 'repeats');
  const budgetTokens = optionalPositiveInt(values, 'budget');
  const report = await runLatency({
    dataset: basename(dataPath),
    conversations: await loadLocomo(dataPath),
    sizes,
    engines,
    ...(postgresUrl ? { postgresUrl } : {}),
    embedder: embedderName === 'hash' ? new FixedTextEmbedder({ dimensions, maxBatchSize: 64 }) : null,
    ...(users ? { users } : {}),
    ...(queries ? { queries } : {}),
    ...(repeats ? { repeats } : {}),
    ...(budgetTokens ? { budgetTokens } : {}),
    onProgress: (step) => io.stderr(`bench recall-latency: ${step}\n`),
  });
  await writeAndPrintReport(io, outDir, latencyMarkdown(report), report);
  return 0;
};
