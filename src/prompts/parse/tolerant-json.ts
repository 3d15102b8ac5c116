// A tolerant JSON reader for model output. It accepts what small models actually write — single-quoted
// strings, Python literals (True/False/None), unquoted keys, trailing commas, output cut off mid-way — and
// records every liberty it took, so the caller can report the repair instead of hiding it.
//
// Truncation rule: an unfinished scalar (string, number, word) is dropped with its key; an unfinished object or
// array is closed with what it held complete. Nothing is ever invented.

export type JsonRepair =
  | 'single_quotes'
  | 'python_literals'
  | 'unquoted_keys'
  | 'trailing_commas'
  | 'missing_commas'
  | 'truncated'
  | 'bare_words';

class Truncated {}
const TRUNCATED = new Truncated();

export class TolerantJsonError extends Error {
  readonly position: number;
  constructor(message: string, position: number) {
    super(`${message} at character ${position}`);
    this.name = 'TolerantJsonError';
    this.position = position;
  }
}

const PYTHON_LITERALS: Record<string, unknown> = { True: true, False: false, None: null };
const JSON_LITERALS: Record<string, unknown> = { true: true, false: false, null: null };

/** Parses the JSON value that starts at `start`; returns it, where it ended, and the repairs made. */
export function readTolerantJson(text: string, start = 0): { value: unknown; end: number; repairs: JsonRepair[] } {
  let i = start;
  const repairs = new Set<JsonRepair>();
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i += 1;
  };

  const readString = (): string | Truncated => {
    const quote = text[i]!;
    if (quote === "'") repairs.add('single_quotes');
    i += 1;
    let out = '';
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === quote) {
        i += 1;
        return out;
      }
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === undefined) break;
        const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\', '/': '/' };
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        out += escapes[next] ?? next;
        i += 2;
        continue;
      }
      out += ch;
      i += 1;
    }
    repairs.add('truncated');
    return TRUNCATED;
  };

  const readWord = (): string => {
    const match = /^[A-Za-z_$][\w$.-]*/.exec(text.slice(i));
    const word = match ? match[0] : '';
    i += word.length;
    return word;
  };

  const readScalar = (): unknown => {
    const numberMatch = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (numberMatch) {
      i += numberMatch[0].length;
      if (i >= text.length) {
        repairs.add('truncated');
        return TRUNCATED;
      }
      return Number(numberMatch[0]);
    }
    const word = readWord();
    if (word === '') throw new TolerantJsonError(`Unexpected "${text[i]}"`, i);
    if (i >= text.length) {
      repairs.add('truncated');
      return TRUNCATED;
    }
    if (word in JSON_LITERALS) return JSON_LITERALS[word];
    if (word in PYTHON_LITERALS) {
      repairs.add('python_literals');
      return PYTHON_LITERALS[word];
    }
    repairs.add('bare_words');
    return word;
  };

  const readValue = (): unknown => {
    skipSpace();
    if (i >= text.length) {
      repairs.add('truncated');
      return TRUNCATED;
    }
    const ch = text[i]!;
    if (ch === '{') return readContainer('}');
    if (ch === '[') return readContainer(']');
    if (ch === '"' || ch === "'") return readString();
    return readScalar();
  };

  // Objects and arrays share the separator handling; only keys differ.
  const readContainer = (close: '}' | ']'): unknown => {
    i += 1;
    const isObject = close === '}';
    const object: Record<string, unknown> = {};
    const array: unknown[] = [];
    let expectSeparator = false;
    for (;;) {
      skipSpace();
      if (i >= text.length) {
        repairs.add('truncated');
        return isObject ? object : array;
      }
      const ch = text[i]!;
      if (ch === close) {
        i += 1;
        return isObject ? object : array;
      }
      if (ch === ',') {
        i += 1;
        skipSpace();
        if (text[i] === close || !expectSeparator) repairs.add('trailing_commas');
        expectSeparator = false;
        continue;
      }
      if (expectSeparator) repairs.add('missing_commas');
      if (!isObject) {
        const value = readValue();
        if (value === TRUNCATED) return array;
        array.push(value);
        expectSeparator = true;
        continue;
      }
      let key: string | Truncated;
      if (ch === '"' || ch === "'") key = readString();
      else {
        key = readWord();
        if (key === '') throw new TolerantJsonError(`Expected a key, found "${ch}"`, i);
        repairs.add('unquoted_keys');
      }
      if (key === TRUNCATED) return object;
      skipSpace();
      if (i >= text.length) {
        repairs.add('truncated');
        return object;
      }
      if (text[i] !== ':' && text[i] !== '=') throw new TolerantJsonError(`Expected ":" after key "${String(key)}"`, i);
      i += 1;
      const value = readValue();
      if (value === TRUNCATED) return object;
      object[key as string] = value;
      expectSeparator = true;
    }
  };

  const value = readValue();
  if (value === TRUNCATED) throw new TolerantJsonError('Output ends before any complete value', i);
  return { value, end: i, repairs: [...repairs] };
}
