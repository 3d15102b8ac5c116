// How every CLI command gets its Persona: config from flags > env > file > defaults, then the composition root;
// or, when the command runs inside the process that holds the database (cli/host), that process's persona.
import { isDeepStrictEqual } from 'node:util';
import { loadConfig, type PersonaConfig } from '../config/index.ts';
import { ConfigError } from '../errors/index.ts';
import type { Persona, PersonaOptions } from '../persona.ts';
import type { CliIo, PersonaHost } from './io.ts';

/** A persona for `config` from the composition root, opened; the caller closes it. */
async function openFor(config: PersonaConfig, options: Omit<PersonaOptions, 'config'>): Promise<Persona> {
  const { createPersona } = await import('../persona.ts');
  const persona = createPersona({ ...options, config });
  await persona.open();
  return persona;
}

/** A persona for the configuration these flags resolve to, opened here (never a holder's); the caller closes it. */
export async function openPersona(flags: Record<string, unknown>, io: CliIo, options: Omit<PersonaOptions, 'config'> = {}): Promise<Persona> {
  return openFor(await loadConfig({ flags, env: io.env, cwd: io.cwd }), options);
}

/**
 * Refuses to answer from a host configured otherwise than this command: its answer would not be this command's.
 * The store and memory settings always count; the embedders, the chat model and vision only for a command that
 * uses them (options.embedder not null, options.model not null, options.vision not false). The server's own
 * settings never do.
 */
function checkSameConfig(host: PersonaHost, config: PersonaConfig, options: Omit<PersonaOptions, 'config'>): void {
  const sections: (keyof PersonaConfig)[] = ['store', 'memory'];
  if (options.embedder !== null) sections.push('embedder', 'imageEmbedder');
  if (options.model !== null) sections.push('model');
  if (options.vision !== false) sections.push('vision');
  const differing = sections.filter((section) => !isDeepStrictEqual(host.config[section], config[section]));
  if (differing.length === 0) return;
  throw new ConfigError(
    `The database is held by ${host.holder}, which runs with other ${differing.join(', ')} settings than this command. Run the command with that process's configuration (same flags, PERSONAVLM_* environment and config file), or stop it first.`,
    { details: { holder: host.holder, differing } },
  );
}

/** The persona of the process this command runs in when that process holds the database (not to be closed), or null. */
export function hostPersona(io: CliIo, config: PersonaConfig, options: Omit<PersonaOptions, 'config'>): Persona | null {
  if (!io.host) return null;
  checkSameConfig(io.host, config, options);
  return io.host.persona;
}

/**
 * Runs `use` with a persona for `config`: the holder's, when this command runs in the process holding the database
 * (left open), or one opened for the command and closed after it.
 */
export async function withPersona<T>(io: CliIo, config: PersonaConfig, options: Omit<PersonaOptions, 'config'>, use: (persona: Persona) => Promise<T>): Promise<T> {
  const hosted = hostPersona(io, config, options);
  if (hosted) return use(hosted);
  const persona = await openFor(config, options);
  try {
    return await use(persona);
  } finally {
    await persona.close();
  }
}
