// The CLI's single entry: pick a command, load it lazily, and translate typed errors into exit codes.
import { PersonaError } from '../errors/index.ts';
import { processIo, type CliIo, type Command } from './io.ts';

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {};

export function registerCommand(name: string, summary: string, load: () => Promise<Command>): void {
  commands[name] = { summary, load };
}

const usage = (): string =>
  [
    'personavlm — long-term personal multimodal memory for any LLM',
    '',
    'Usage: personavlm <command> [options]   (personavlm <command> --help for its options)',
    '',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`),
    '',
  ].join('\n');

export const EXIT = { ok: 0, failure: 1, usage: 2, notFound: 3, notConfigured: 4 } as const;

export function exitCodeFor(error: PersonaError): number {
  if (error.code === 'invalid_input' || error.code === 'config_invalid') return EXIT.usage;
  if (error.code === 'not_found') return EXIT.notFound;
  if (error.code === 'model_not_configured') return EXIT.notConfigured;
  return EXIT.failure;
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  await import('./commands/index.ts');
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`Unknown command "${name}".\n\n${usage()}`);
    return EXIT.usage;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (error) {
    if (PersonaError.isInstance(error)) {
      io.stderr(`error [${error.code}]: ${error.message}\n`);
      return exitCodeFor(error);
    }
    io.stderr(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failure;
  }
}
