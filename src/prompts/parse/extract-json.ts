// Finds the JSON a model meant to write inside whatever it actually wrote: code fences, prose before and after,
// a truncated tail, or plain "key: value" lines. Generic: every prompt parser (remember-*, reason-*) uses it.
import { readTolerantJson, TolerantJsonError, type JsonRepair } from './tolerant-json.ts';

export type ExtractionRepair = JsonRepair | 'code_fence' | 'prose_around_json' | 'key_value_lines';

export interface ExtractedJson {
  value: unknown;
  /** Every liberty taken, in a stable vocabulary; empty when the output was clean JSON. */
  repairs: ExtractionRepair[];
}

const FENCE = /```[a-zA-Z]*[ \t]*\r?\n?([\s\S]*?)(?:```|$)/;

/** "key: value" or "key = value" per line; keys may be quoted, bulleted or bold ("- **openness**: 4"). */
const KEY_VALUE_LINE = /^\s*(?:[-*•]\s*)?\**["']?([A-Za-z_][\w .-]*?)["']?\**\s*[:=]\s*(.*?)\s*,?\s*$/;

function keyValueLines(text: string): Record<string, string> | null {
  const result: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = KEY_VALUE_LINE.exec(line);
    if (match && match[2] !== '') result[match[1]!.trim().replace(/\s+/g, '_').toLowerCase()] = match[2]!.replace(/^["']|["']$/g, '');
  }
  return Object.keys(result).length > 0 ? result : null;
}

/**
 * Returns the first JSON object or array in `text` (or key-value lines as an object of strings), or throws
 * TolerantJsonError when there is nothing usable. `expect` picks which bracket to look for first.
 */
export function extractJson(text: string, expect: 'object' | 'array' | 'any' = 'any'): ExtractedJson {
  const repairs: ExtractionRepair[] = [];
  let body = text;
  const fence = FENCE.exec(text);
  if (fence && fence[1] !== undefined && /[[{]/.test(fence[1])) {
    body = fence[1];
    repairs.push('code_fence');
  }
  const open = expect === 'object' ? body.indexOf('{') : expect === 'array' ? body.indexOf('[') : body.search(/[[{]/);
  const start = open >= 0 ? open : body.search(/[[{]/);
  if (start < 0) {
    const pairs = keyValueLines(body);
    if (!pairs) throw new TolerantJsonError('No JSON object, array or "key: value" line found', 0);
    return { value: pairs, repairs: [...repairs, 'key_value_lines'] };
  }
  const { value, end, repairs: jsonRepairs } = readTolerantJson(body, start);
  if (body.slice(0, start).trim() !== '' || body.slice(end).trim() !== '') repairs.push('prose_around_json');
  return { value, repairs: [...repairs, ...jsonRepairs] };
}
