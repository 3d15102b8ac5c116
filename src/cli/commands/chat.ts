// `personavlm chat --user <id>`: an interactive session. Lines are messages; `/image <path>` attaches an image
// to the next one; `/quit` ends. On a terminal the answer streams as it is written; otherwise (or with --json)
// one JSON object per message. --show-steps prints the reasoning rounds, retrievals and what they found.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { ChatOutcome } from '../../agent/chat.ts';
import type { Persona } from '../../persona.ts';
import { configFlagOptions, loadConfig, type PersonaConfig } from '../../config/index.ts';
import { InvalidInputError, PersonaError } from '../../errors/index.ts';
import type { PersonaEvent } from '../../memory/events.ts';
import type { CliIo, Command } from '../io.ts';
import type { ImageInput } from '../../memory/inputs.ts';

const HELP = `Usage: personavlm chat --user <id> [--show-steps] [--image <path>]... [--json] [configuration flags]

An interactive session with the configured model and the user's memory. Each line is a message.
  /image <path>   attach an image to the next message (JPEG, PNG, WebP, GIF)
  /quit           end the session
--image attaches images to the first message. --show-steps prints each round's reasoning, retrievals and items.
Needs a chat model: PERSONAVLM_MODEL and PERSONAVLM_MODEL_BASE_URL (see personavlm doctor).
`;

export interface ChatSession {
  /** What the REPL uses of the persona: one streamed turn at a time, and the model check before the first. */
  chat: Pick<Persona, 'stream' | 'assertChatModel'>;
  close(): Promise<void>;
}

export interface ChatCommandDeps {
  /** Builds the object graph for this configuration (the composition root). */
  open: (config: PersonaConfig, io: CliIo) => Promise<ChatSession>;
  /** The message lines; default: stdin through node:readline. */
  lines?: (io: CliIo) => AsyncIterable<string>;
}

function stdinLines(io: CliIo): AsyncIterable<string> {
  const terminal = Boolean(process.stdin.isTTY) && io.isTty;
  const reader = createInterface({ input: process.stdin, output: terminal ? process.stdout : undefined, terminal, prompt: 'you> ' });
  if (terminal) {
    reader.prompt();
    reader.on('line', () => reader.prompt());
  }
  return reader;
}

async function readImage(io: CliIo, path: string): Promise<ImageInput> {
  const full = resolve(io.cwd, path);
  try {
    return { bytes: new Uint8Array(await readFile(full)), path: full };
  } catch (error) {
    throw new InvalidInputError(`Cannot read the image ${full}: ${(error as Error).message}`, { cause: error });
  }
}

const clip = (text: string, length = 160): string => (text.length > length ? `${text.slice(0, length - 1)}…` : text).replace(/\s+/g, ' ');

/** The human rendering of one event; '' for events a person does not need to see. */
function describe(event: PersonaEvent, showSteps: boolean): { out?: string; err?: string } {
  const e = event as Record<string, unknown>;
  if (event.type === 'answer.delta') return { out: String(e.text) };
  if (event.type === 'warning') return { err: `warning [${String(e.code)}]: ${String(e.message)}\n` };
  if (!showSteps) return {};
  if (event.type === 'round.completed') {
    const think = e.think ? `  think: ${clip(String(e.think), 400)}\n` : '';
    return { err: `· round ${String(e.index)}: ${String(e.decision)}${e.forced ? ' (forced)' : ''}\n${think}` };
  }
  if (event.type === 'retrieval.started') {
    const range = e.range as { from: string | null; to: string | null } | null;
    const when = range ? ` from ${range.from ?? '…'} to ${range.to ?? '…'}` : '';
    return { err: `  retrieve: keywords ${JSON.stringify(e.keywords)}${when}${e.types ? ` types ${JSON.stringify(e.types)}` : ''}\n` };
  }
  if (event.type === 'retrieval.items') {
    const items = (e.items as Array<{ source: string; at: string | null; text: string; images: number }>).map(
      (item) => `    ${item.source}: ${clip(item.text)}${item.images ? ` (+${item.images} image)` : ''}\n`,
    );
    return { err: `  found ${String(e.count)} new item(s), ${String(e.tokens)} tokens\n${items.join('')}` };
  }
  return {};
}

async function converse(chat: ChatSession['chat'], io: CliIo, message: { userId: string; text: string; images: ImageInput[] }, options: { json: boolean; showSteps: boolean }): Promise<ChatOutcome> {
  const run = chat.stream({ userId: message.userId, text: message.text, ...(message.images.length > 0 ? { images: message.images } : {}) });
  if (options.json) {
    const outcome = await run.result;
    const warnings = outcome.events.filter((event) => event.type === 'warning');
    io.stdout(`${JSON.stringify({ text: message.text, answer: outcome.answer, turnIds: outcome.turnIds, calls: outcome.calls, warnings, ...(options.showSteps ? { steps: outcome.steps } : {}) })}\n`);
    return outcome;
  }
  io.stdout('assistant> ');
  for await (const event of run) {
    const { out, err } = describe(event, options.showSteps);
    if (out) io.stdout(out);
    if (err) io.stderr(err);
  }
  io.stdout('\n');
  return run.result;
}

export function createChatCommand(deps: ChatCommandDeps): Command {
  return async (args, io) => {
    let values: Record<string, string | boolean | string[] | undefined>;
    try {
      ({ values } = parseArgs({
        args,
        options: { ...configFlagOptions(), user: { type: 'string' }, 'show-steps': { type: 'boolean' }, image: { type: 'string', multiple: true }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new InvalidInputError(`${(error as Error).message}. See \`personavlm chat --help\`.`, { cause: error });
    }
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    const userId = typeof values.user === 'string' ? values.user.trim() : '';
    if (!userId) throw new InvalidInputError('--user <id> is required: whose memory to use. See `personavlm chat --help`.');
    const options = { json: Boolean(values.json) || !io.isTty, showSteps: Boolean(values['show-steps']) };
    let pending = await Promise.all(((values.image as string[] | undefined) ?? []).map((path) => readImage(io, path)));
    const config = await loadConfig({ flags: values, env: io.env, cwd: io.cwd });
    const session = await deps.open(config, io);
    try {
      session.chat.assertChatModel();
      for await (const raw of (deps.lines ?? stdinLines)(io)) {
        const line = raw.trim();
        if (line === '') continue;
        if (line === '/quit' || line === '/exit') break;
        if (line.startsWith('/image')) {
          const path = line.slice('/image'.length).trim();
          try {
            if (!path) throw new InvalidInputError('Usage: /image <path>');
            pending = [...pending, await readImage(io, path)];
            io.stderr(`attached ${path} to the next message\n`);
          } catch (error) {
            io.stderr(`${(error as Error).message}\n`);
          }
          continue;
        }
        try {
          await converse(session.chat, io, { userId, text: line, images: pending }, options);
        } catch (error) {
          // At a terminal a failed model call costs one message, not the session (the user turn is stored).
          if (options.json || !PersonaError.isInstance(error) || error.code === 'model_not_configured') throw error;
          io.stderr(`\nerror [${error.code}]: ${error.message}\n`);
        }
        pending = [];
      }
    } finally {
      await session.close();
    }
    return 0;
  };
}

/** The CLI's wiring: the composition root for this configuration, with the update worker running alongside. */
async function openPersonaSession(config: PersonaConfig): Promise<ChatSession> {
  const { createPersona } = await import('../../persona.ts');
  const persona = createPersona({ config });
  // Before opening the database: a missing model is reported at once, not after the store starts.
  persona.assertChatModel();
  await persona.open();
  // Memories are written while the conversation goes on; unfinished jobs are durable and resume next time.
  persona.worker.start();
  return { chat: persona, close: () => persona.close() };
}

export const run: Command = createChatCommand({ open: openPersonaSession });
