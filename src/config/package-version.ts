// The installed package's version, from its package.json (the same relative path from src/ and dist/), read once.
import { readFile } from 'node:fs/promises';

let cached: Promise<string> | null = null;

export function packageVersion(): Promise<string> {
  cached ??= readFile(new URL('../../package.json', import.meta.url), 'utf8').then((text) => (JSON.parse(text) as { version: string }).version);
  return cached;
}
