// `personavlm ingest <file> --format <f> --user <id>`: imports a history into a user's memory through the same
// update path live turns take. Resumable (turns already stored are skipped); a progress bar on a terminal; the
// summary at the end (human on a terminal, JSON otherwise).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { configFlagOptions, loadConfig, type PersonaConfig } from '../../config/index.ts';
import { InvalidInputError } from '../../errors/index.ts';
import { EventBus, type WarningEvent } from '../../memory/events.ts';
import type { IngestSummary } from '../../remember/ingest.ts';
import type { Persona } from '../../persona.ts';
import { HISTORY_FORMATS, type HistoryFormat } from '../../ingest/load-history.ts';
import type { CliIo, Command } from '../io.ts';
import { hostPersona } from '../open-persona.ts';
import { onUserWarnings } from '../user-warnings.ts';

const HELP = `Usage: personavlm ingest <file> --format ${HISTORY_FORMATS.join('|')} --user <id>
                         [--context-id ID] [--end-index N] [--no-drain] [--json] [configuration flags]

Replays a conversation history into the user's memory: every turn is stored and enriched (dates, keywords,
image text); with a chat model configured, the update phase also writes semantic, episodic, procedural, core
and personality memory. Run it again after an interruption: stored turns are skipped.
  --context-id   LoCoMo: the sample_id (needed when the file holds several); PersonaMem: the context id
  --end-index    PersonaMem: replay messages [0, N)
  --no-drain     queue the model work without waiting for it (a running worker or a later ingest finishes it)
`;

export interface IngestCommandDeps {
  open: (config: PersonaConfig, events: EventBus) => Promise<Pick<Persona, 'ingest' | 'chatModel' | 'close'>>;
}

function progressBar(io: CliIo): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    if (filled === last && done !== total) return;
    last = filled;
    io.stderr(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} turns${done === total ? '\n' : ''}`);
  };
}

function renderSummary(summary: IngestSummary, warnings: Map<string, number>): string {
  const memories = Object.entries(summary.memories).map(([type, n]) => `${type} ${n}`).join(', ');
  const calls = Object.entries(summary.model.byPurpose).map(([purpose, s]) => `${purpose} ${s.calls}`).join(', ');
  const lines = [
    `Imported ${summary.source} into user "${summary.userId}" in ${(summary.durationMs / 1000).toFixed(1)} s`,
    `  turns     ${summary.turns.stored} stored, ${summary.turns.skipped} already there (of ${summary.turns.total}), ${summary.sessions} sessions`,
    `  memories  ${memories}`,
    `  model     ${summary.model.total.calls} calls${calls ? ` (${calls})` : ''}, ${summary.model.total.inputTokens} input + ${summary.model.total.outputTokens} output tokens`,
  ];
  if (summary.imagesRejected > 0) lines.push(`  images    ${summary.imagesRejected} could not be read (their turns' text was kept)`);
  if (summary.jobsFailed > 0) lines.push(`  failed    ${summary.jobsFailed} update job(s); see the warnings above`);
  if (warnings.size > 0) lines.push(`  warnings  ${[...warnings].map(([code, n]) => `${code} ×${n}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        ...configFlagOptions(),
        format: { type: 'string' },
        user: { type: 'string' },
        'context-id': { type: 'string' },
        'end-index': { type: 'string' },
        'no-drain': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new InvalidInputError(`${(error as Error).message}. See \`personavlm ingest --help\`.`, { cause: error });
  }
}

export function createIngestCommand(deps: IngestCommandDeps): Command {
  return async (args, io) => {
    const { values, positionals } = parse(args);
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    const format = values.format as HistoryFormat | undefined;
    if (positionals.length !== 1) throw new InvalidInputError(`Give exactly one history file.\n\n${HELP}`);
    if (!format || !(HISTORY_FORMATS as readonly string[]).includes(format)) throw new InvalidInputError(`--format must be one of ${HISTORY_FORMATS.join(', ')}.`);
    const userId = typeof values.user === 'string' ? values.user : '';
    if (!userId) throw new InvalidInputError('--user <id> names whose memory the history goes into.');
    const endIndex = values['end-index'] === undefined ? undefined : Number(values['end-index']);
    if (endIndex !== undefined && !Number.isInteger(endIndex)) throw new InvalidInputError(`--end-index must be a whole number, got "${values['end-index']}".`);

    const config = await loadConfig({ flags: values, env: io.env, cwd: io.cwd });
    const { loadHistory } = await import('../../ingest/load-history.ts');
    const history = await loadHistory(format, resolve(io.cwd, positionals[0]!), {
      ...(values['context-id'] ? { contextId: values['context-id'] } : {}),
      ...(endIndex !== undefined ? { endIndex } : {}),
      sessionGapMinutes: config.memory.sessionGapMinutes,
      maxTextChars: config.store.maxTextChars,
      maxImageBytes: config.vision.maxImageBytes,
    });
    // The process holding the database, when this runs inside it (cli/host): its persona, its model and worker.
    const hosted = hostPersona(io, config, {});
    const events = hosted ? hosted.events : new EventBus();
    const warnings = new Map<string, number>();
    const show = (warning: WarningEvent): void => {
      const seen = warnings.get(warning.code) ?? 0;
      warnings.set(warning.code, seen + 1);
      // Each kind of warning is printed once; the summary counts them all.
      if (seen === 0) io.stderr(`${io.isTty ? '\n' : ''}warning [${warning.code}]: ${warning.message}\n`);
    };
    const opened = hosted ?? (await deps.open(config, events));
    const unsubscribe = onUserWarnings(events, userId, show);
    try {
      const summary = await opened.ingest(userId, history, {
        drain: !values['no-drain'] && opened.chatModel !== null,
        ...(io.isTty && !values.json ? { onProgress: progressBar(io) } : {}),
        // Hosted: the CLI that asked went away (Ctrl-C); what is stored stays, and the next run resumes after it.
        ...(io.signal ? { signal: io.signal } : {}),
      });
      if (values.json || !io.isTty) io.stdout(`${JSON.stringify({ ...summary, warnings: Object.fromEntries(warnings) })}\n`);
      else io.stdout(renderSummary(summary, warnings));
      return summary.jobsFailed > 0 ? 1 : 0;
    } finally {
      unsubscribe();
      if (!hosted) await opened.close();
    }
  };
}

export const run: Command = createIngestCommand({
  open: async (config, events) => {
    const { createPersona } = await import('../../persona.ts');
    const persona = createPersona({ config, events });
    await persona.open();
    return persona;
  },
});
