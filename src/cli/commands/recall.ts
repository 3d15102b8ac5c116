// `personavlm recall "<query>" --user <id>`: memory search with no chat model, through the same retriever the
// agent uses, on the configured store. Human output on a terminal, JSON otherwise.
import { parseArgs } from 'node:util';
import { configFlagOptions, loadConfig } from '../../config/index.ts';
import { InvalidInputError } from '../../errors/index.ts';
import type { RecallSource } from '../../retrieval/types.ts';
import { renderRecallResult } from '../../retrieval/render-result.ts';
import { UTC } from '../../memory/time-zone.ts';
import { parseStamp } from '../../memory/stamp.ts';
import { startPlanPrefetch } from '../../retrieval/prefetch-plan.ts';
import type { Command } from '../io.ts';
import { withPersona } from '../open-persona.ts';
import { onUserWarnings } from '../user-warnings.ts';

const HELP = `Usage: personavlm recall "<query>" --user <id> [--budget N] [--from T] [--to T] [--at T] [--types a,b] [--json] [configuration flags]

Searches a user's memory without a chat model (lexical + time + image text; vectors when an embedder is
configured) and prints the items that would go into the prompt, with their time and provenance.
  --budget N   token budget (cl100k_base), default 1000
  --from/--to  time range, "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" on the configured clock (memory.timeZone, default
               UTC); --from is inclusive, --to exclusive ("--to 2026-10-04" ends when 3 October ends). A turn is
               in the range when it was said in it or names a date in it ("last Sunday", resolved when stored);
               a memory when it was said in it or is about a period overlapping it (its event time)
  --at T       time of asking, default now: relative dates in the query resolve against it
  --types      any of dialogue, image, semantic, episodic, procedural (comma-separated)
`;

const SOURCES: readonly RecallSource[] = ['dialogue', 'image', 'semantic', 'episodic', 'procedural', 'core'];

/** "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or a stamp as the CLI prints it, wall-clock time in the zone (memory/stamp.ts). */
export function parseTime(value: string, flag: string, timeZone: string = UTC): Date {
  const time = parseStamp(value, timeZone);
  if (!time) throw new InvalidInputError(`${flag} takes "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or a time as the CLI prints it ("2023-05-08 13:56 (Monday)"); got "${value}".`);
  return time.date;
}

export function parseTypes(value: string): RecallSource[] {
  const types = value.split(',').map((part) => part.trim()).filter(Boolean);
  const unknown = types.filter((type) => !SOURCES.includes(type as RecallSource));
  if (types.length === 0 || unknown.length > 0) throw new InvalidInputError(`--types takes ${SOURCES.join(', ')}; got "${value}".`);
  return types as RecallSource[];
}

const OPTIONS = {
  user: { type: 'string' },
  budget: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  at: { type: 'string' },
  types: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(args: string[]) {
  try {
    return parseArgs({ args, options: { ...configFlagOptions(), ...OPTIONS }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new InvalidInputError(`${(error as Error).message}. See \`personavlm recall --help\`.`, { cause: error });
  }
}

export const run: Command = async (args, io) => {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const query = positionals.join(' ').trim();
  if (!query) throw new InvalidInputError('recall needs a query: personavlm recall "what did I say about Sweden?" --user <id>.');
  if (typeof values.user !== 'string') throw new InvalidInputError('--user <id> is required: whose memory to search.');
  const budget = values.budget === undefined ? 1000 : Number(values.budget);
  if (!Number.isInteger(budget) || budget <= 0) throw new InvalidInputError(`--budget takes a positive integer; got "${String(values.budget)}".`);
  const types = typeof values.types === 'string' ? parseTypes(values.types) : undefined;
  // The query's words are analysed on a worker while this thread loads the rest and opens the database; a process
  // that holds the database (cli/host) has the NLP model loaded already.
  const prefetch = io.host
    ? null
    : startPlanPrefetch((error) => {
        io.stderr(`warning [query_prefetch_failed]: analysing the query on a worker thread failed (${error.message}); it is analysed here instead, same result, slower.\n`);
      });
  try {
    const config = await loadConfig({ flags: values, env: io.env, cwd: io.cwd });
    const zone = config.memory.timeZone;
    const from = typeof values.from === 'string' ? parseTime(values.from, '--from', zone) : null;
    const to = typeof values.to === 'string' ? parseTime(values.to, '--to', zone) : null;
    const at = typeof values.at === 'string' ? parseTime(values.at, '--at', zone) : new Date();
    prefetch?.plan({ query, at, timeZone: zone });

    const userId = values.user;
    return await withPersona(io, config, { model: null, vision: false }, async (persona) => {
      // A degraded recall (e.g. embedding_model_changed: vectors of another model) must not look like a normal one.
      // Only this user's warnings and the database-wide ones: a holder of the database serves other users meanwhile.
      const unsubscribe = onUserWarnings(persona.events, userId, (warning) => io.stderr(`warning [${warning.code}]: ${warning.message}\n`));
      try {
        await prefetch?.ready;
        const result = await persona.recall({
          userId,
          query,
          at,
          budgetTokens: budget,
          ...(from || to ? { timeRange: { from, to } } : {}),
          ...(types ? { types } : {}),
        });
        if (values.json || !io.isTty) io.stdout(`${JSON.stringify({ query, userId, totalTokens: result.totalTokens, items: result.items })}\n`);
        else io.stdout(renderRecallResult(result, zone));
        return 0;
      } finally {
        unsubscribe();
      }
    });
  } finally {
    await prefetch?.close();
  }
};
