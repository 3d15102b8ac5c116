// API keys → tenants, from configuration only ("key=tenant" entries, inline or in a keys file). Keys are kept
// as sha256 digests: the lookup never compares secrets byte by byte, and a dump of the map shows no key.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { apiKeyEntrySchema } from '../config/schema.ts';
import { ConfigError } from '../errors/index.ts';

export type ApiKeys = Record<string, string>;

export const digestKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** Parses "key=tenant" entries; a malformed one is a ConfigError that names its position, never its text. */
export function parseApiKeyEntries(entries: readonly string[], source: string): ApiKeys {
  const keys: ApiKeys = {};
  for (const [index, entry] of entries.entries()) {
    if (!apiKeyEntrySchema.safeParse(entry).success) {
      throw new ConfigError(`API key entry #${index + 1} in ${source} must be "key=tenant" (tenant: letters, digits and _ . @ -).`);
    }
    const split = entry.indexOf('=');
    const key = entry.slice(0, split);
    if (key in keys) throw new ConfigError(`API key entry #${index + 1} in ${source} repeats an earlier key; every key maps to one tenant.`);
    keys[key] = entry.slice(split + 1);
  }
  return keys;
}

/** A keys file: one "key=tenant" per line; blank lines and # comments are skipped. */
export async function readApiKeysFile(path: string): Promise<ApiKeys> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the API keys file ${path}. Check server.apiKeysFile or PERSONAVLM_API_KEYS_FILE.`, { cause: error });
  }
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  return parseApiKeyEntries(lines, `the API keys file ${path}`);
}

/** The configured keys: inline entries and the keys file together; a key in both must name the same tenant. */
export async function loadApiKeys(server: { apiKeys?: string[] | undefined; apiKeysFile?: string | undefined }): Promise<ApiKeys> {
  const inline = parseApiKeyEntries(server.apiKeys ?? [], 'PERSONAVLM_API_KEYS / server.apiKeys');
  const fromFile = server.apiKeysFile ? await readApiKeysFile(server.apiKeysFile) : {};
  for (const [key, tenant] of Object.entries(fromFile)) {
    if (key in inline && inline[key] !== tenant) throw new ConfigError('An API key is given both inline and in the keys file with different tenants; keep one.');
  }
  return { ...inline, ...fromFile };
}
