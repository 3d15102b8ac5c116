// `personavlm memory <action>`: a user's memories over the store, no model needed.
//   list --user U [--type T] [--all] [--search W]   show  --user U <id>            edit --user U <id> --content "…" [--keywords a,b]
//   forget --user U <id>                     export --user U --out DIR     import DIR [--as-user U]
//   delete-user --user U --yes             reembed --user U [--drop-old]
//   persons --user U                         name-person --user U <person-id> <name>
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { configFlagOptions, loadConfig, type PersonaConfig } from '../../config/index.ts';
import { InvalidInputError, NotFoundError } from '../../errors/index.ts';
import { MEMORY_STATUSES, MEMORY_TYPES, type Memory, type MemoryType } from '../../memory/types.ts';
import { outdatedMarkerOf } from '../../memory/outdated.ts';
import { formatStamp, formatStampDay } from '../../memory/stamp.ts';
import type { Persona } from '../../persona.ts';
import { hostPersona } from '../open-persona.ts';
import type { CliIo, Command } from '../io.ts';
import { reembedAction } from './memory-reembed.ts';

const HELP = `Usage: personavlm memory <action> [options] [configuration flags]

  list --user <id> [--type ${MEMORY_TYPES.join('|')}] [--all] [--search <words>]
                                                live memories (--all: superseded and retired versions too;
                                                --search: only those with every word in their text, key or keywords)
  show --user <id> <memory-id>                  one memory, its provenance and its version history
  edit --user <id> <memory-id> --content <text> [--keywords a,b]   correct it (the old text is kept as history)
  forget --user <id> <memory-id>                delete it with all its versions
  export --user <id> --out <dir>                everything of the user to a directory
  import <dir> [--as-user <id>]                 load an export
  delete-user --user <id> --yes                 delete the user and everything they own
  reembed --user <id> [--drop-old]              vectors of the configured embedder for every memory and turn
                                                (after a model change; --drop-old deletes other models' vectors)
  persons --user <id>                           the people recognised in the user's photos (face clusters)
  name-person --user <id> <person-id> <name>    name one, so a search by the name finds their photos
Output is JSON when stdout is not a terminal or with --json.
`;

/** What the memory command uses of the persona (its facade only). */
export type MemoryFacade = Pick<Persona, 'memories' | 'users' | 'persons' | 'reembed' | 'close'>;

export interface MemoryCommandDeps {
  /** reembed: the action needs the configured text embedder; the others need only the store. */
  open: (config: PersonaConfig, needs: { reembed: boolean }) => Promise<MemoryFacade>;
}

type Values = Record<string, string | boolean | undefined>;

function need(values: Values, name: string, why: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new InvalidInputError(`--${name} is required: ${why}. See \`personavlm memory --help\`.`);
  return value;
}

function oneId(ids: string[]): string {
  if (ids.length !== 1) throw new InvalidInputError('Give exactly one memory id (see `personavlm memory list`).');
  return ids[0]!;
}

/** Times on the configured clock (memory.timeZone), as every prompt and the other commands show them. */
function line(memory: Memory, timeZone: string): string {
  const ended = memory.validTo ? ` since ${formatStampDay(memory.validTo, timeZone)}` : '';
  const status = memory.status === 'active' ? '' : ` (${memory.status}${ended})`;
  return `${memory.id}  ${memory.type.padEnd(10)} ${memory.key ? `[${memory.key}] ` : ''}${memory.content.replace(/\s+/g, ' ')}${status}${outdatedMarkerOf(memory, timeZone)}`;
}

function detail(memory: Memory, timeZone: string): string {
  return [
    line(memory, timeZone),
    `  keywords: ${memory.keywords.join(', ') || '—'}`,
    `  valid from ${formatStamp(memory.validFrom, timeZone)}${memory.validTo ? ` to ${formatStamp(memory.validTo, timeZone)}` : ''}`,
    `  from turns: ${memory.sourceTurnIds.join(', ') || '—'}${memory.sourceRegions.length ? `; image regions: ${memory.sourceRegions.length}` : ''}`,
    ...(memory.supersededBy ? [`  superseded by ${memory.supersededBy}${memory.supersededByTurnId ? ` (turn ${memory.supersededByTurnId})` : ''}`] : []),
  ].join('\n');
}

async function knownUser(persona: MemoryFacade, values: Values): Promise<string> {
  const id = need(values, 'user', 'whose memories');
  if (!(await persona.users.get(id))) throw new NotFoundError('user', id);
  return id;
}

async function act(persona: MemoryFacade, action: string, values: Values, ids: string[], io: CliIo, timeZone: string): Promise<{ json: unknown; text: string }> {
  const user = () => need(values, 'user', 'whose memories');
  switch (action) {
    case 'list': {
      const type = values.type as MemoryType | undefined;
      if (type && !MEMORY_TYPES.includes(type)) throw new InvalidInputError(`--type must be one of ${MEMORY_TYPES.join(', ')}.`);
      const userId = await knownUser(persona, values);
      const search = typeof values.search === 'string' && values.search.trim() !== '' ? values.search.trim() : undefined;
      const memories = await persona.memories.list(userId, { ...(type ? { types: [type] } : {}), ...(search ? { text: search } : {}), status: values.all ? [...MEMORY_STATUSES] : ['active'] });
      if (memories.length === 0 && search) return { json: memories, text: `No ${values.all ? '' : 'live '}memories${type ? ` of type ${type}` : ''} of "${userId}" have every word of "${search}"${values.all ? '' : ' (--all searches superseded and retired versions too)'}.\n` };
      const none = `No ${values.all ? '' : 'live '}memories${type ? ` of type ${type}` : ''} for "${userId}". Memories are written by the chat model's update phase (see \`personavlm doctor\`); what was said is in \`personavlm turns list --user ${userId}\`.\n`;
      return { json: memories, text: memories.length === 0 ? none : `${memories.map((memory) => line(memory, timeZone)).join('\n')}\n` };
    }
    case 'show': {
      const id = oneId(ids);
      const memory = await persona.memories.get(user(), id);
      if (!memory) throw new NotFoundError('memory', id);
      const history = await persona.memories.history(user(), id);
      const older = history.filter((m) => m.id !== id);
      return { json: { memory, history }, text: `${detail(memory, timeZone)}\n${older.length ? `\nEarlier versions:\n${older.map((version) => detail(version, timeZone)).join('\n')}\n` : ''}` };
    }
    case 'edit': {
      const content = need(values, 'content', 'the corrected text');
      const keywords = typeof values.keywords === 'string' ? values.keywords.split(',').map((k) => k.trim()).filter(Boolean) : undefined;
      const memory = await persona.memories.edit(user(), oneId(ids), { content, ...(keywords ? { keywords } : {}) });
      return { json: memory, text: `Edited; the new version is ${memory.id} (the old text is kept as history).\n` };
    }
    case 'forget': {
      const id = oneId(ids);
      await persona.memories.forget(user(), id);
      return { json: { forgotten: id }, text: `Forgot ${id} and its versions.\n` };
    }
    case 'export': {
      // The store refuses a user it does not have with NotFoundError.
      const report = await persona.users.export(user(), resolve(io.cwd, need(values, 'out', 'the directory to write')));
      return { json: report, text: `Exported user "${report.userId}" to ${report.directory}: ${JSON.stringify(report.counts)}\n` };
    }
    case 'import': {
      const dir = oneId(ids);
      const report = await persona.users.import(resolve(io.cwd, dir), typeof values['as-user'] === 'string' ? { asUserId: values['as-user'] } : {});
      return { json: report, text: `Imported user "${report.userId}": ${JSON.stringify(report.counts)}\n` };
    }
    case 'delete-user': {
      const id = user();
      if (!values.yes) throw new InvalidInputError(`Deleting user "${id}" removes all their turns, images and memories for good; add --yes to confirm.`);
      if (!(await persona.users.get(id))) throw new NotFoundError('user', id);
      const report = await persona.users.delete(id);
      return { json: report, text: `Deleted user "${id}": ${JSON.stringify(report.rowsDeleted)}${report.leftovers.length ? `; LEFTOVERS: ${report.leftovers.join(', ')}` : ''}\n` };
    }
    case 'persons': {
      const persons = (await persona.persons.list(await knownUser(persona, values))).map(({ id, name, count }) => ({ id, name, faces: count }));
      return { json: persons, text: persons.length === 0 ? 'No persons recognised yet.\n' : `${persons.map((p) => `${p.id}  ${p.name ?? '(unnamed)'}  ${p.faces} face(s)`).join('\n')}\n` };
    }
    case 'name-person': {
      if (ids.length !== 2 || ids[1]!.trim() === '') throw new InvalidInputError('Give a person id and a name: `personavlm memory name-person --user U person-1 Alice` (ids: `personavlm memory persons --user U`).');
      const report = await persona.persons.name(user(), ids[0]!, ids[1]!);
      return { json: report, text: `Named ${report.person.id} "${report.person.name}"; ${report.turnIds.length} turn(s) with their photos now match the name.\n` };
    }
    case 'reembed':
      return reembedAction(persona, await knownUser(persona, values), Boolean(values['drop-old']), io);
    default:
      throw new InvalidInputError(`Unknown memory action "${action}".\n\n${HELP}`);
  }
}

export function createMemoryCommand(deps: MemoryCommandDeps): Command {
  return async (args, io) => {
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args,
        options: {
          ...configFlagOptions(),
          user: { type: 'string' },
          type: { type: 'string' },
          all: { type: 'boolean' },
          search: { type: 'string' },
          content: { type: 'string' },
          keywords: { type: 'string' },
          out: { type: 'string' },
          'as-user': { type: 'string' },
          yes: { type: 'boolean' },
          'drop-old': { type: 'boolean' },
          json: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
        allowPositionals: true,
      });
    } catch (error) {
      throw new InvalidInputError(`${(error as Error).message}. See \`personavlm memory --help\`.`, { cause: error });
    }
    const values = parsed.values as Values;
    const [action, ...ids] = parsed.positionals;
    if (values.help || !action) {
      io.stdout(HELP);
      return values.help ? 0 : 2;
    }
    const config = await loadConfig({ flags: values, env: io.env, cwd: io.cwd });
    const reembed = action === 'reembed';
    const hosted = hostPersona(io, config, reembed ? { model: null, vision: false } : { embedder: null, model: null, vision: false });
    const persona = hosted ?? (await deps.open(config, { reembed }));
    try {
      const result = await act(persona, action, values, ids, io, config.memory.timeZone);
      io.stdout(values.json || !io.isTty ? `${JSON.stringify(result.json)}\n` : result.text);
      return 0;
    } finally {
      if (!hosted) await persona.close();
    }
  };
}

export const run: Command = createMemoryCommand({
  open: async (config, needs) => {
    // Only the store is needed (no analyzers, no chat model); the text embedder only to re-embed, and building it
    // does no I/O (the first batch loads the model or reaches the server).
    const { createPersona } = await import('../../persona.ts');
    const persona = createPersona({ config, vision: false, model: null, ...(needs.reembed ? {} : { embedder: null }) });
    await persona.open();
    return persona;
  },
});
