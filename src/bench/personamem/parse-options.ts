// PersonaMem's `all_options` column: a JSON list in some releases, a Python list literal (written by
// pandas via repr) in others, e.g. ['(a) It\'s …', "(b) I'm …"]. Parsed by a small reader of string-list
// literals, never by evaluating anything.
import { InvalidInputError } from '../../errors/index.ts';

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' };
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

function readPythonString(text: string, start: number): { value: string; end: number } {
  const quote = text[start]!;
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const char = text[index]!;
    if (char === quote) return { value, end: index + 1 };
    if (char === '\n') break;
    if (char !== '\\') {
      value += char;
      index += 1;
      continue;
    }
    const next = text[index + 1] ?? '';
    if (next in SIMPLE_ESCAPES) {
      value += SIMPLE_ESCAPES[next];
      index += 2;
    } else if (next in HEX_LENGTH) {
      const digits = text.slice(index + 2, index + 2 + HEX_LENGTH[next]!);
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== HEX_LENGTH[next]) throw new Error(`bad \\${next} escape at ${index}`);
      value += String.fromCodePoint(parseInt(digits, 16));
      index += 2 + digits.length;
    } else if (next === '\n') {
      index += 2;
    } else {
      // Python keeps an unknown escape as written.
      value += `\\${next}`;
      index += 2;
    }
  }
  throw new Error(`unterminated string starting at ${start}`);
}

function parsePythonStringList(text: string): string[] {
  const values: string[] = [];
  let index = 0;
  const skipSpace = () => {
    while (/\s/.test(text[index] ?? '')) index += 1;
  };
  skipSpace();
  if (text[index] !== '[') throw new Error('not a list');
  index += 1;
  skipSpace();
  if (text[index] === ']') return [];
  for (;;) {
    skipSpace();
    const char = text[index];
    if (char !== "'" && char !== '"') throw new Error(`expected a string at ${index}`);
    const { value, end } = readPythonString(text, index);
    values.push(value);
    index = end;
    skipSpace();
    if (text[index] === ',') {
      index += 1;
      skipSpace();
      if (text[index] === ']') break;
      continue;
    }
    if (text[index] === ']') break;
    throw new Error(`expected , or ] at ${index}`);
  }
  index += 1;
  skipSpace();
  if (index !== text.length) throw new Error(`text after the list at ${index}`);
  return values;
}

export function parseOptionList(text: string, where: string): string[] {
  try {
    const json: unknown = JSON.parse(text);
    if (Array.isArray(json) && json.every((item) => typeof item === 'string')) return json;
  } catch {
    // Not JSON: the Python-literal reader below decides.
  }
  try {
    return parsePythonStringList(text);
  } catch (error) {
    throw new InvalidInputError(`${where}: all_options is neither a JSON list of strings nor a Python list of strings (${(error as Error).message}).`, { cause: error });
  }
}

/** "(a) text" → ["a", "text"]; options without a letter are lettered by position. */
export function letterOptions(options: readonly string[]): Record<string, string> {
  const lettered = options.map((option) => /^\s*\(?([a-zA-Z])\)\s*(.*)$/s.exec(option));
  const allLettered = lettered.every((match) => match !== null);
  return Object.fromEntries(
    options.map((option, index) => (allLettered ? [lettered[index]![1]!.toLowerCase(), lettered[index]![2]!.trim()] : [String.fromCharCode(97 + index), option.trim()])),
  );
}
