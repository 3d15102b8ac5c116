// What a command may touch of the outside world; tests pass their own.
import { basename, relative } from 'node:path';
import type { PersonaConfig } from '../config/index.ts';
import type { Persona } from '../persona.ts';

/** An open persona a command runs on instead of opening its own: the process holding the database runs it. */
export interface PersonaHost {
  persona: Persona;
  config: PersonaConfig;
  /** Who holds the database, as messages name it: "personavlm serve (pid 1234)". */
  holder: string;
}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is a terminal: human output and progress bars; otherwise JSON/NDJSON. */
  isTty: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  /** How the user ran the CLI ("personavlm", "node bin/personavlm.js", "npm run personavlm --"): hints name it. */
  invokedAs?: string;
  /** Set when the command runs inside the process that holds the database (cli/host): use its persona. */
  host?: PersonaHost;
  /** Hosted: aborted when the CLI process that asked for the command went away; a long command (ingest) stops there. */
  signal?: AbortSignal;
}

export type Command = (args: string[], io: CliIo) => Promise<number>;

/** The command a hint should name, as the user invoked it. */
export const cliName = (io: CliIo): string => io.invokedAs ?? 'personavlm';

/**
 * How this process was started, so a hint such as "run `personavlm memory list`" names a command that works here:
 * inside an npm script of the checkout it is `npm run personavlm --`, through the installed bin (on PATH, npx)
 * `personavlm`, and run as a file `node <path to bin/personavlm.js>`.
 */
export function detectInvocation(argv: string[] = process.argv, env: Record<string, string | undefined> = process.env, cwd = process.cwd()): string {
  if (env.npm_lifecycle_event && env.npm_package_name === 'personavlm') return 'npm run personavlm --';
  const script = argv[1];
  if (!script || basename(script) === 'personavlm') return 'personavlm';
  const path = relative(cwd, script);
  return `node ${path.includes(' ') ? JSON.stringify(path) : path}`;
}

/** Messages everywhere say `personavlm …`; on the way out they name the command the user actually ran. */
export function renameCommand(text: string, invokedAs: string): string {
  if (invokedAs === 'personavlm') return text;
  return text.replace(/(`|Usage: |\$ )personavlm(?= )/g, `$1${invokedAs}`);
}

/** A reader that stops early (`personavlm recall … | head`) closes the pipe: exit quietly, as Unix tools do. */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  if (stream.listenerCount('error') > 0) return;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

export function processIo(invokedAs: string = detectInvocation()): CliIo {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  return {
    stdout: (text) => process.stdout.write(renameCommand(text, invokedAs)),
    stderr: (text) => process.stderr.write(renameCommand(text, invokedAs)),
    isTty: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
    invokedAs,
  };
}
