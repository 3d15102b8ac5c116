// What a CLI process and the process holding the database say to each other over the host socket: one request line,
// then output lines and the exit status, each a JSON object on its own line.
import { InvalidInputError } from '../../errors/index.ts';

export interface HostRequest {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  isTty: boolean;
  invokedAs?: string;
}

export type HostMessage = { out: string } | { err: string } | { exit: number };

/** A request line longer than this is not one a CLI sends (its argv and environment). */
export const MAX_REQUEST_BYTES = 1 << 20;

const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((entry) => typeof entry === 'string');

export function parseRequest(line: string): HostRequest {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new InvalidInputError('The host socket takes one JSON request line.');
  }
  const request = value as Partial<HostRequest>;
  if (
    !Array.isArray(request.argv) ||
    !request.argv.every((arg) => typeof arg === 'string') ||
    typeof request.cwd !== 'string' ||
    !isStringRecord(request.env) ||
    typeof request.isTty !== 'boolean' ||
    (request.invokedAs !== undefined && typeof request.invokedAs !== 'string')
  ) {
    throw new InvalidInputError('A host request needs argv (strings), cwd, env (strings) and isTty.');
  }
  return request as HostRequest;
}

/**
 * Splits a byte stream into UTF-8 lines; `onLine` gets each complete one, the rest waits for more. A newline byte
 * never occurs inside a multi-byte UTF-8 character, so lines are cut on bytes and each is decoded whole. A line
 * still incomplete past `maxBytes` bytes is dropped and `onTooLong` called.
 */
export function lineReader(onLine: (line: string) => void, maxBytes: number, onTooLong: () => void): (chunk: Buffer) => void {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  return (chunk) => {
    let start = 0;
    let end: number;
    while ((end = chunk.indexOf(0x0a, start)) >= 0) {
      const piece = chunk.subarray(start, end);
      const line = (pending.length > 0 ? Buffer.concat([...pending, piece]) : piece).toString('utf8');
      pending = [];
      pendingBytes = 0;
      start = end + 1;
      onLine(line);
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
    }
    if (pendingBytes > maxBytes) {
      pending = [];
      pendingBytes = 0;
      onTooLong();
    }
  };
}
