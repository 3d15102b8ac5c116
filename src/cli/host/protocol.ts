// What a CLI process and the process holding the database say to each other over the host socket: one request line,
// then output lines and the exit status, each a JSON object on its own line.
import { StringDecoder } from 'node:string_decoder';
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

/** Splits a byte stream into lines; `onLine` gets each complete one, the rest waits for more. */
export function lineReader(onLine: (line: string) => void, maxBytes: number, onTooLong: () => void): (chunk: Buffer) => void {
  const decoder = new StringDecoder('utf8'); // a character may be split between chunks
  let pending = '';
  return (chunk) => {
    pending += decoder.write(chunk);
    let end: number;
    while ((end = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      onLine(line);
    }
    if (pending.length > maxBytes) {
      pending = '';
      onTooLong();
    }
  };
}
