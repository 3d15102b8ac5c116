// `personavlm users list`: who has memory in this database, with how much of it. An operator's view (the one read
// that is not scoped to a single user), so it lives apart from the per-user commands.
import { loadConfig } from '../../config/index.ts';
import { InvalidInputError } from '../../errors/index.ts';
import { formatStamp } from '../../memory/stamp.ts';
import type { Command } from '../io.ts';
import { withPersona } from '../open-persona.ts';
import { parseFlags } from '../parse-flags.ts';

const HELP = `Usage: personavlm users list [--json] [configuration flags]

Every user of the configured database with their number of turns, live memories, and last turn.
`;

export const run: Command = async (args, io) => {
  const { values, positionals } = parseFlags(args, 'users');
  const [action] = positionals;
  if (values.help || !action) {
    io.stdout(HELP);
    return values.help ? 0 : 2;
  }
  if (action !== 'list' || positionals.length > 1) throw new InvalidInputError(`Unknown users action "${positionals.join(' ')}": use \`personavlm users list\`.`);
  const config = await loadConfig({ flags: values, env: io.env, cwd: io.cwd });
  return withPersona(io, config, { vision: false, model: null, embedder: null }, async (persona) => {
    const users = await persona.users.list();
    const rows = await Promise.all(
      users.map(async (user) => {
        const [last] = await persona.turns.list(user.id, { order: 'desc', limit: 1 });
        const memories = await persona.memories.list(user.id);
        return { id: user.id, createdAt: user.createdAt, turns: last?.seq ?? 0, memories: memories.length, lastTurnAt: last?.at ?? null };
      }),
    );
    if (values.json || !io.isTty) io.stdout(`${JSON.stringify(rows)}\n`);
    else if (rows.length === 0) io.stdout(`No users in this database yet (${config.store.engine === 'pglite' ? config.store.dataDir : 'PostgreSQL'}). \`personavlm demo\` or \`personavlm ingest\` adds some.\n`);
    else {
      const width = Math.max(4, ...rows.map((row) => row.id.length));
      io.stdout(`${'user'.padEnd(width)}  turns  memories  last turn\n${rows.map((row) => `${row.id.padEnd(width)}  ${String(row.turns).padStart(5)}  ${String(row.memories).padStart(8)}  ${row.lastTurnAt ? formatStamp(row.lastTurnAt, config.memory.timeZone) : '—'}`).join('\n')}\n`);
    }
    return 0;
  });
};
