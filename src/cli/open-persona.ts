// How every CLI command gets its Persona: config from flags > env > file > defaults, then the composition root.
import { loadConfig } from '../config/index.ts';
import { createPersona, type Persona, type PersonaOptions } from '../persona.ts';
import type { CliIo } from './io.ts';

export async function openPersona(flags: Record<string, unknown>, io: CliIo, options: Omit<PersonaOptions, 'config'> = {}): Promise<Persona> {
  const config = await loadConfig({ flags, env: io.env, cwd: io.cwd });
  const persona = createPersona({ ...options, config });
  await persona.open();
  return persona;
}
