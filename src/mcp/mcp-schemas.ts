// Argument pieces the MCP tools share. Times travel as ISO 8601 strings (JSON Schema has no dates); a zod
// transform would not survive the conversion to the tools' JSON Schema, so they are read in the handler.
import { z } from 'zod';
import { InvalidInputError } from '../errors/index.ts';

export const isoTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a zone, e.g. 2026-03-01T09:00:00Z' });

export const memoryId = z.string().min(1).max(200).describe('A memory id (from recall or memories_list)');

export function timeOf(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidInputError(`${name} is not a valid time: "${value}".`);
  return date;
}
