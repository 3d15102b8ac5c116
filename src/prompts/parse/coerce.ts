// Field coercions for model output: accept the near-misses small models produce (the string "4" for 4, one
// item instead of a list, "a, b" for ["a", "b"]) and note each one. A value that cannot be read returns
// undefined, and the caller decides whether that drops an item or rejects the output.
import type { RepairLog } from './repair-log.ts';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An integer within [min, max]: numeric strings are read, fractions rounded, out-of-range values clamped. */
export function asInteger(value: unknown, range: { min: number; max: number }, path: string, log: RepairLog): number | undefined {
  let number: number;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string' && /^\s*[-+]?\d+(?:\.\d+)?\s*(?:\/\s*\d+)?\s*$/.test(value)) {
    number = Number.parseFloat(value);
    log.note('string_to_number', path, JSON.stringify(value));
  } else return undefined;
  if (!Number.isFinite(number)) return undefined;
  if (!Number.isInteger(number)) {
    log.note('rounded', path, String(number));
    number = Math.round(number);
  }
  if (number < range.min || number > range.max) {
    log.note('clamped', path, `${number} outside ${range.min}–${range.max}`);
    number = Math.min(range.max, Math.max(range.min, number));
  }
  return number;
}

/** A trimmed non-empty string; numbers and booleans are stringified with a note. */
export function asText(value: unknown, path: string, log: RepairLog): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') {
    log.note('to_string', path);
    return String(value);
  }
  return undefined;
}

/** A list of strings: a comma- or semicolon-separated string is split, non-strings dropped with a note. */
export function asTextList(value: unknown, path: string, log: RepairLog): string[] | undefined {
  if (typeof value === 'string') {
    log.note('string_to_list', path);
    return value.split(/[,;]/).map((s) => s.trim()).filter(Boolean);
  }
  if (!Array.isArray(value)) return undefined;
  const out: string[] = [];
  for (const [index, item] of value.entries()) {
    const text = asText(item, `${path}[${index}]`, log);
    if (text === undefined) log.note('dropped_item', `${path}[${index}]`, 'not a string');
    else out.push(text);
  }
  return out;
}

/** A list: a single object where a list belongs becomes a list of one, with a note. */
export function asList(value: unknown, path: string, log: RepairLog): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (isRecord(value)) {
    log.note('wrapped_in_list', path);
    return [value];
  }
  return undefined;
}

/** A boolean: "yes"/"no"/"true"/"false" strings are read with a note. */
export function asBoolean(value: unknown, path: string, log: RepairLog): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|yes|false|no)$/i.test(value.trim())) {
    log.note('string_to_boolean', path);
    return /^(true|yes)$/i.test(value.trim());
  }
  return undefined;
}

/** Case-insensitive lookup of the first present key among aliases ("content" | "memory" | "text"). */
export function field(record: Record<string, unknown>, ...names: string[]): unknown {
  for (const name of names) {
    if (name in record) return record[name];
    const found = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
    if (found !== undefined) return record[found];
  }
  return undefined;
}
