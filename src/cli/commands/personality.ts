// `personavlm personality --user <id>`: the user's current Big Five (PEM, PERSONAVLM.md) and how it got there —
// one sparkline per trait on a 1–5 scale, and the turns behind the latest changes. JSON when not on a terminal.
import { parseArgs } from 'node:util';
import { configFlagOptions, loadConfig } from '../../config/index.ts';
import { InvalidInputError } from '../../errors/index.ts';
import { BIG_FIVE_TRAITS, type BigFive } from '../../memory/types.ts';
import { formatStamp } from '../../memory/stamp.ts';
import type { PersonalityReport } from '../../facade/index.ts';
import type { Command } from '../io.ts';
import { withPersona } from '../open-persona.ts';

const HELP = `Usage: personavlm personality --user <id> [--changes N] [--json] [configuration flags]

The user's Big Five personality estimate as the update phase evolved it (every user turn scored by the model,
blended in with PEM's schedule): the current scores, one sparkline per trait over every interaction (scaled to
the trait's range, printed beside it),
and the turns behind the latest changes with what each moved.
  --changes N   how many of the latest changes to list, default 10 (0: none)
  --json        the whole trajectory as JSON (the default when output is not a terminal)
`;

const BARS = '▁▂▃▄▅▆▇█';
const WIDTH = 40;

/**
 * One bar per point, sampled evenly to at most WIDTH bars, scaled to the trait's own range (PEM moves scores by
 * tenths, which a 1–5 scale of eight bars would flatten); the caller prints the range beside it. A flat line is ▄.
 */
export function sparkline(values: readonly number[], width = WIDTH): string {
  if (values.length === 0) return '';
  const low = values.reduce((min, value) => Math.min(min, value), Infinity);
  const span = values.reduce((max, value) => Math.max(max, value), -Infinity) - low;
  const step = Math.max(1, values.length / width);
  const picked: number[] = [];
  for (let position = 0; position < values.length; position += step) picked.push(values[Math.floor(position)]!);
  if (picked.at(-1) !== values.at(-1)) picked.push(values.at(-1)!);
  return picked.map((value) => (span < 0.05 ? BARS[3] : BARS[Math.round(((value - low) / span) * (BARS.length - 1))])).join('');
}

/** "openness 3.4→3.6 (+0.2)" for each trait that moved by at least 0.05. */
function moves(before: BigFive, after: BigFive): string[] {
  return BIG_FIVE_TRAITS.flatMap((trait) => {
    const delta = after[trait] - before[trait];
    return Math.abs(delta) < 0.05 ? [] : [`${trait} ${before[trait].toFixed(1)}→${after[trait].toFixed(1)} (${delta > 0 ? '+' : ''}${delta.toFixed(1)})`];
  });
}

const excerpt = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 70 ? `${flat.slice(0, 69)}…` : flat;
};

export function renderPersonality(report: PersonalityReport, changes: number, timeZone: string): string {
  if (!report.current) {
    return `No personality estimate for "${report.userId}" yet: each user turn is scored by the chat model in the update phase; configure one (PERSONAVLM_MODEL) and chat or ingest.\n`;
  }
  const lines = [`Big Five of "${report.userId}" after ${report.interactions} interaction(s), 1 (low) to 5 (high):`];
  for (const trait of BIG_FIVE_TRAITS) {
    const values = report.points.map((point) => point.traits[trait]);
    const range = `${values.reduce((min, value) => Math.min(min, value), Infinity).toFixed(1)}–${values.reduce((max, value) => Math.max(max, value), -Infinity).toFixed(1)}`;
    lines.push(`  ${trait.padEnd(18)} ${report.current[trait].toFixed(1)}  ${sparkline(values)}  (from ${values[0]!.toFixed(1)}, range ${range})`);
  }
  const moved = report.points
    .map((point, index) => ({ point, moved: moves(index === 0 ? { openness: 3, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 } : report.points[index - 1]!.traits, point.traits) }))
    .filter((entry) => entry.moved.length > 0)
    .reverse()
    .slice(0, changes);
  if (moved.length > 0) {
    lines.push('', `Latest changes (newest first, ${moved.length} shown):`);
    for (const { point, moved: what } of moved) {
      lines.push(`  ${formatStamp(point.at, timeZone)}  #${point.interactions}  ${what.join(', ')}`);
      if (point.turnText !== null) lines.push(`      turn ${point.turnId}: "${excerpt(point.turnText)}"`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export const run: Command = async (args, io) => {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args, options: { ...configFlagOptions(), user: { type: 'string' }, changes: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    throw new InvalidInputError(`${(error as Error).message}. See \`personavlm personality --help\`.`, { cause: error });
  }
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (typeof values.user !== 'string' || values.user === '') throw new InvalidInputError('--user <id> is required: whose personality to show.');
  const changes = values.changes === undefined ? 10 : Number(values.changes);
  if (!Number.isInteger(changes) || changes < 0) throw new InvalidInputError(`--changes takes a whole number of at least 0; got "${String(values.changes)}".`);
  const config = await loadConfig({ flags: values, env: io.env, cwd: io.cwd });
  const user = values.user;
  return withPersona(io, config, { vision: false, model: null, embedder: null }, async (persona) => {
    const report = await persona.personality.get(user);
    io.stdout(values.json || !io.isTty ? `${JSON.stringify(report)}\n` : renderPersonality(report, changes, config.memory.timeZone));
    return 0;
  });
};
