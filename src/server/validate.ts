// Request bodies and query strings through zod; a rejection is an InvalidInputError that names each field.
import type { Context } from 'hono';
import type { z } from 'zod';
import { InvalidInputError } from '../errors/index.ts';

export function parseWith<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  throw new InvalidInputError(`Invalid ${what}: ${problems.join('; ')}.`, { details: { problems } });
}

export async function jsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch (error) {
    throw new InvalidInputError('The request body must be JSON (Content-Type: application/json).', { cause: error });
  }
  return parseWith(schema, body, 'request body');
}

export const queryOf = <T extends z.ZodType>(c: Context, schema: T): z.output<T> => parseWith(schema, c.req.query(), 'query');
