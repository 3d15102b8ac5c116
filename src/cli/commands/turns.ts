// `personavlm turns list --user <id>`: what the user said and showed, as stored — newest first by default, paged,
// with each turn's time (in memory.timeZone), role, session and image text. The memories derived from it are
// `personavlm memory list`.
import { loadConfig } from '../../config/index.ts';
import { InvalidInputError, NotFoundError } from '../../errors/index.ts';
import { formatStamp } from '../../memory/stamp.ts';
import type { Turn } from '../../memory/types.ts';
import type { Command } from '../io.ts';
import { withPersona } from '../open-persona.ts';
import { parseFlags } from '../parse-flags.ts';

const HELP = `Usage: personavlm turns list --user <id> [--limit 50] [--order desc|asc] [--from T] [--to T] [--before-seq N] [--json] [configuration flags]

The user's stored turns (text, images as their OCR text), newest first. --from/--to take ISO dates and keep turns
said in [from, to); --before-seq N pages back past the oldest turn shown (each line starts with its seq).
`;

function line(turn: Turn, timeZone: string): string {
  const images = turn.images.length ? `  [${turn.images.length} image(s)${turn.enrichment?.imageText ? `: ${turn.enrichment.imageText.replace(/\s+/g, ' ').slice(0, 80)}` : ''}]` : '';
  const text = turn.text.replace(/\s+/g, ' ');
  return `#${turn.seq}  ${formatStamp(turn.at, timeZone)}  ${(turn.speaker ?? turn.role).padEnd(9)} ${text.length > 160 ? `${text.slice(0, 159)}…` : text}${images}`;
}

function date(value: unknown, flag: string): Date | null {
  if (value === undefined) return null;
  const parsed = new Date(String(value));
  if (Number.isNaN(parsed.getTime())) throw new InvalidInputError(`--${flag} takes an ISO date such as 2026-10-01 or 2026-10-01T09:00:00Z; got "${String(value)}".`);
  return parsed;
}

function whole(value: unknown, flag: string, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidInputError(`--${flag} takes a whole number of at least 1; got "${String(value)}".`);
  return parsed;
}

export const run: Command = async (args, io) => {
  const { values, positionals } = parseFlags(args, 'turns', { user: { type: 'string' }, limit: { type: 'string' }, order: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, 'before-seq': { type: 'string' } });
  const [action] = positionals;
  if (values.help || !action) {
    io.stdout(HELP);
    return values.help ? 0 : 2;
  }
  if (action !== 'list' || positionals.length > 1) throw new InvalidInputError(`Unknown turns action "${positionals.join(' ')}": use \`personavlm turns list --user <id>\`.`);
  if (typeof values.user !== 'string' || values.user === '') throw new InvalidInputError('--user <id> is required: whose turns (`personavlm users list` shows who is stored).');
  const order = values.order ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw new InvalidInputError(`--order takes asc or desc; got "${String(order)}".`);
  const from = date(values.from, 'from');
  const to = date(values.to, 'to');
  const limit = whole(values.limit, 'limit', 50);
  const beforeSeq = whole(values['before-seq'], 'before-seq', undefined);
  const config = await loadConfig({ flags: values, env: io.env, cwd: io.cwd });
  const user = values.user;
  return withPersona(io, config, { vision: false, model: null, embedder: null }, async (persona) => {
    if (!(await persona.users.get(user))) throw new NotFoundError('user', user);
    const turns = await persona.turns.list(user, { order, ...(limit ? { limit } : {}), ...(from || to ? { range: { from, to } } : {}), ...(beforeSeq ? { beforeSeq } : {}) });
    if (values.json || !io.isTty) {
      io.stdout(`${JSON.stringify(turns)}\n`);
      return 0;
    }
    if (turns.length === 0) {
      io.stdout(`No turns of "${user}"${from || to ? ' in that period' : ''}${beforeSeq ? ` before #${beforeSeq}` : ''}.\n`);
      return 0;
    }
    io.stdout(`${turns.map((turn) => line(turn, config.memory.timeZone)).join('\n')}\n`);
    const oldest = turns.reduce((min, turn) => Math.min(min, turn.seq), Infinity);
    if (turns.length === limit && order === 'desc' && oldest > 1) io.stdout(`… older: \`personavlm turns list --user ${user} --before-seq ${oldest}\`\n`);
    return 0;
  });
};
