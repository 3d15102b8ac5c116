// `personavlm bench ingest`: how fast histories are stored with no model, on PGlite and PostgreSQL, by the
// one-turn path and the batched path of `ingest`, in one run.
import { resolve } from 'node:path';
import { ingestMarkdown, runIngest } from '../../bench/ingest/run-ingest.ts';
import type { Engine } from '../../bench/latency/engine-store.ts';
import { loadLocomo } from '../../datasets/locomo/load-locomo.ts';
import { optionalPositiveInt, parseBenchFlags, requiredString, writeAndPrintReport } from './bench-support.ts';
import { InvalidInputError } from '../../errors/index.ts';
import type { Command } from '../io.ts';

const DEFAULT_DATA = '../shared/data/locomo/locomo-dev.json';

const HELP = `Usage: personavlm bench ingest --out <dir> [--data ${DEFAULT_DATA}] [--engines pglite,postgres]
       [--conversations <n>] [--batch <turns>] [--times <n>] [--postgres-url <url>]

Stores the LoCoMo conversations of --data (all, or the first --conversations) with no model through ingest, on
each engine into a fresh database: once one turn per transaction (the live path), once batched (the default,
--batch turns per transaction, 200). Reports turns/s with the speed-up over the one-turn path of the same run,
statements per turn (BEGIN/COMMIT included), database MiB per 1,000 turns and process RSS. --times n imports each
conversation n times over (as another user each time) into the same database: a single pass of a few thousand
turns carries the JIT's and the engine's warm-up, n passes show the rate a long import settles at. PostgreSQL needs
--postgres-url or PERSONAVLM_TEST_POSTGRES_URL (else it is skipped, with the reason); each run uses its own
schema, dropped afterwards. Writes <dir>/report.md and <dir>/report.json.
`;

export const run: Command = async (args, io) => {
  const values = parseBenchFlags(args, 'ingest', {
    data: { type: 'string' }, out: { type: 'string' }, engines: { type: 'string' }, conversations: { type: 'string' }, batch: { type: 'string' }, times: { type: 'string' }, 'postgres-url': { type: 'string' },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const outDir = resolve(io.cwd, requiredString(values, 'out', 'the folder for report.md and report.json'));
  const engines = String(values.engines ?? 'pglite,postgres').split(',').map((part) => part.trim()).filter(Boolean);
  if (engines.length === 0 || engines.some((engine) => engine !== 'pglite' && engine !== 'postgres')) {
    throw new InvalidInputError(`--engines takes pglite and/or postgres, separated by commas; got "${String(values.engines)}".`);
  }
  const conversations = await loadLocomo(resolve(io.cwd, typeof values.data === 'string' ? values.data : DEFAULT_DATA));
  const count = optionalPositiveInt(values, 'conversations') ?? conversations.length;
  const batchTurns = optionalPositiveInt(values, 'batch');
  const times = optionalPositiveInt(values, 'times');
  const postgresUrl = typeof values['postgres-url'] === 'string' ? values['postgres-url'] : io.env.PERSONAVLM_TEST_POSTGRES_URL;
  const report = await runIngest({
    histories: conversations.slice(0, count).map((conversation) => ({ userId: conversation.sampleId, history: conversation.history })),
    engines: [...new Set(engines)] as Engine[],
    ...(postgresUrl ? { postgresUrl } : {}),
    ...(batchTurns ? { batchTurns } : {}),
    ...(times ? { times } : {}),
    onProgress: (step) => io.stderr(`bench ingest: ${step}\n`),
  });
  await writeAndPrintReport(io, outDir, ingestMarkdown(report), report);
  return 0;
};
