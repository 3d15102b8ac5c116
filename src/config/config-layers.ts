// Builds the raw configuration object layer by layer (file, then env, then flags) and remembers where every
// value came from, so a validation error can name the place to fix.
import { ConfigError } from '../errors/index.ts';
import type { Setting } from './settings.ts';

export type Raw = Record<string, unknown>;

export class ConfigLayers {
  readonly raw: Raw = {};
  /** "model.baseUrl" → "env PERSONAVLM_MODEL_BASE_URL", "flag --model", "config file /x/personavlm.config.json". */
  readonly sources = new Map<string, string>();

  set(path: readonly string[], value: unknown, source: string): void {
    let node = this.raw;
    for (const key of path.slice(0, -1)) {
      const child = node[key];
      node = typeof child === 'object' && child !== null && !Array.isArray(child) ? (child as Raw) : (node[key] = {});
    }
    const last = path.at(-1)!;
    // A higher layer that switches a section's provider discards the lower layer's settings for the old one.
    if (last === 'provider' && node.provider !== undefined && node.provider !== value) {
      for (const key of Object.keys(node)) {
        delete node[key];
        this.sources.delete([...path.slice(0, -1), key].join('.'));
      }
    }
    node[last] = value;
    this.sources.set(path.join('.'), source);
  }

  /** Copies a parsed config file in, leaf by leaf. */
  addFile(content: Raw, source: string, prefix: string[] = []): void {
    for (const [key, value] of Object.entries(content)) {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) this.addFile(value as Raw, source, [...prefix, key]);
      else this.set([...prefix, key], value, source);
    }
  }

  get(path: readonly string[]): unknown {
    let node: unknown = this.raw;
    for (const key of path) node = typeof node === 'object' && node !== null ? (node as Raw)[key] : undefined;
    return node;
  }

  sourceOf(path: readonly PropertyKey[]): string {
    for (let length = path.length; length > 0; length -= 1) {
      const source = this.sources.get(path.slice(0, length).join('.'));
      if (source) return source;
    }
    return 'the defaults';
  }
}

/** Converts an env or flag string into the setting's type. */
export function convertSetting(setting: Setting, value: unknown, origin: string): unknown {
  if (typeof value !== 'string') return value;
  if (setting.kind === 'int') {
    const number = Number(value.trim());
    if (!Number.isInteger(number)) throw new ConfigError(`${origin} must be a whole number, got "${value}".`, { details: { field: setting.path.join('.') } });
    return number;
  }
  if (setting.kind === 'bool') {
    if (!/^(true|false|1|0)$/i.test(value)) throw new ConfigError(`${origin} must be true or false, got "${value}".`, { details: { field: setting.path.join('.') } });
    return /^(true|1)$/i.test(value);
  }
  if (setting.kind === 'list') return value.split(',').map((item) => item.trim()).filter(Boolean);
  return value;
}
