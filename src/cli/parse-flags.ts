// The argument parsing every command shares: its own options plus the configuration flags, --json and --help,
// with an unknown or malformed flag reported as a usage error that points to the command's --help.
import { parseArgs } from 'node:util';
import { configFlagOptions } from '../config/index.ts';
import { InvalidInputError } from '../errors/index.ts';

export type FlagValues = Record<string, string | boolean | undefined>;

export function parseFlags(args: string[], command: string, options: Record<string, { type: 'string' | 'boolean' }> = {}): { values: FlagValues; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, options: { ...configFlagOptions(), ...options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: parsed.values as FlagValues, positionals: parsed.positionals };
  } catch (error) {
    throw new InvalidInputError(`${(error as Error).message}. See \`personavlm ${command} --help\`.`, { cause: error });
  }
}
