// Every printed configuration goes through here: keys, tokens and passwords inside URLs never reach a terminal,
// a log or a JSON report.
const secretKey = /^(apiKeys?|password|secret|token|authorization)$/i;
export const REDACTED = '[redacted]';

function redactUrl(value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || !URL.canParse(value)) return value;
  const url = new URL(value);
  if (!url.password) return value;
  url.password = REDACTED;
  return url.toString();
}

export function redactConfig<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => redactConfig(item)) as T;
  if (typeof value === 'string') return redactUrl(value) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = secretKey.test(key) && item !== undefined ? REDACTED : redactConfig(item);
  return out as T;
}
