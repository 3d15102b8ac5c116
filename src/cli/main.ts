// The CLI's single entry: pick a command, load it lazily, and translate typed errors into exit codes.
import { packageVersion } from '../config/package-version.ts';
import { PersonaError, type ErrorCode } from '../errors/index.ts';
import { cliName, processIo, type CliIo, type Command } from './io.ts';

const commands: Record<string, { summary: string; load: () => Promise<Command>; hostable: boolean }> = {};

/**
 * `hostable`: the command works on the database alone (no stdin, no terminal of its own beyond its output), so when a
 * running process holds the embedded database (`serve`, `mcp`) it runs there instead of being refused the database
 * (cli/host).
 */
export function registerCommand(name: string, summary: string, load: () => Promise<Command>, options: { hostable?: boolean } = {}): void {
  commands[name] = { summary, load, hostable: options.hostable === true };
}

/** Whether a process holding the database runs `name` for other CLI processes. */
export const isHostable = (name: string): boolean => commands[name]?.hostable === true;

const usage = (): string =>
  [
    'personavlm — long-term personal multimodal memory for any LLM',
    '',
    'Usage: personavlm <command> [options]   (`personavlm <command> --help` for its options and the configuration flags)',
    '',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`),
    '',
    '  --version  the installed version',
    '',
  ].join('\n');

/** The package's version, read from its package.json. */
export const version = (): Promise<string> => packageVersion();

const wantsHelp = (args: string[]): boolean => args.includes('--help') || args.includes('-h');

/** An error as the user sees it: `error [code]: message`, or with --json one JSON object on stderr. */
function reportError(error: PersonaError, json: boolean, io: CliIo): void {
  if (json) io.stderr(`${JSON.stringify({ error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } })}\n`);
  else io.stderr(`error [${error.code}]: ${error.message}\n`);
}

export const EXIT = { ok: 0, failure: 1, usage: 2, notFound: 3, notConfigured: 4 } as const;

/** Every error code's exit status: a new code does not compile until it has one. */
const EXIT_CODES: Record<ErrorCode, number> = {
  invalid_input: EXIT.usage,
  config_invalid: EXIT.usage,
  payload_too_large: EXIT.usage,
  invalid_image: EXIT.usage,
  not_found: EXIT.notFound,
  model_not_configured: EXIT.notConfigured,
  dependency_missing: EXIT.notConfigured,
  unauthorized: EXIT.failure,
  model_call_failed: EXIT.failure,
  model_output_invalid: EXIT.failure,
  model_output_truncated: EXIT.failure,
  embedding_mismatch: EXIT.failure,
  store_failed: EXIT.failure,
  budget_exceeded: EXIT.failure,
  backpressure: EXIT.failure,
  job_lease_lost: EXIT.failure,
  job_kind_unknown: EXIT.failure,
  worker_stopped: EXIT.failure,
  scenario_failed: EXIT.failure,
  scenario_not_recorded: EXIT.failure,
};

export function exitCodeFor(error: PersonaError): number {
  return EXIT_CODES[error.code];
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  await import('./commands/index.ts');
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout(`${await version()}\n`);
    return EXIT.ok;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`Unknown command "${name}".\n\n${usage()}`);
    return EXIT.usage;
  }
  const json = rest.includes('--json');
  try {
    if (command.hostable && !io.host && !wantsHelp(rest)) {
      const hosted = await (await import('./host/forward.ts')).forwardToHost(argv, io);
      if (hosted !== null) return hosted;
    }
    const code = await (await command.load())(rest, io);
    // Every command takes the configuration flags; its --help ends with them.
    if (wantsHelp(rest)) io.stdout((await import('../config/settings.ts')).configFlagsHelp());
    return code;
  } catch (error) {
    if (PersonaError.isInstance(error)) {
      reportError(error, json, io);
      return exitCodeFor(error);
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    if (json) io.stderr(`${JSON.stringify({ error: { code: 'unexpected', message: error instanceof Error ? error.message : String(error) } })}\n`);
    else io.stderr(`unexpected error: ${message}\nThis is a bug: please report it with the command you ran (\`${cliName(io)} --version\`: ${await version()}).\n`);
    return EXIT.failure;
  }
}
