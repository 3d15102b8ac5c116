// Reads the JSON a model wrote inside <retrieve>, repairing what small models get wrong: code fences, prose
// around the object, Python literals (None/True/False, single quotes), trailing commas, truncation. Every
// repair is named so the caller can report it; nothing is repaired silently.

export interface LooseJson {
  value: unknown;
  /** What had to be fixed, e.g. ["code fence", "python literals"]; empty when the text was valid JSON. */
  repairs: string[];
}

const PYTHON_WORDS: Record<string, string> = { None: 'null', True: 'true', False: 'false' };

/** Rewrites near-JSON into JSON in one scan: quotes, Python words, trailing commas, unclosed brackets. */
function normalize(text: string): string {
  let out = '';
  const closers: string[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (char === '"' || char === "'") {
      let end = index + 1;
      let body = '';
      while (end < text.length && text[end] !== char) {
        if (text[end] === '\\' && end + 1 < text.length) {
          body += text.slice(end, end + 2);
          end += 2;
        } else {
          body += text[end];
          end += 1;
        }
      }
      if (char === "'") body = body.replace(/\\'/g, "'").replace(/(^|[^\\])"/g, '$1\\"');
      out += `"${body.replace(/\n/g, '\\n')}"`;
      index = end + 1;
    } else if (char === '{' || char === '[') {
      closers.push(char === '{' ? '}' : ']');
      out += char;
      index += 1;
    } else if (char === '}' || char === ']') {
      closers.pop();
      out = out.replace(/,\s*$/, '') + char;
      index += 1;
    } else {
      const word = /^[A-Za-z_]+/.exec(text.slice(index))?.[0];
      if (word) {
        out += PYTHON_WORDS[word] ?? word;
        index += word.length;
      } else {
        out += char;
        index += 1;
      }
    }
  }
  out = out.replace(/,\s*$/, '').replace(/:\s*$/, ': null');
  while (closers.length > 0) out += closers.pop();
  return out;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Null when no JSON object or array can be read out of the text, even after repair. */
export function parseLooseJson(raw: string): LooseJson | null {
  const repairs: string[] = [];
  let text = raw.trim();
  const fence = /```[a-zA-Z]*\s*([\s\S]*?)(?:```|$)/.exec(text);
  if (fence) {
    repairs.push('code fence');
    text = (fence[1] ?? '').trim();
  }
  const start = text.search(/[{[]/);
  if (start < 0) return null;
  const closer = text[start] === '{' ? '}' : ']';
  const end = text.lastIndexOf(closer);
  const candidate = end > start ? text.slice(start, end + 1) : text.slice(start);
  if (start > 0 || (end > start && text.slice(end + 1).trim() !== '')) repairs.push('prose around JSON');
  const direct = tryParse(candidate);
  if (direct.ok) return { value: direct.value, repairs };
  const fixed = tryParse(normalize(candidate));
  if (!fixed.ok) return null;
  repairs.push(end > start ? 'python literals or trailing commas' : 'truncated JSON');
  return { value: fixed.value, repairs };
}
