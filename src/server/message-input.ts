// The body of a turn or a chat message: JSON ({ text, images: [{ data }], at }) or multipart/form-data
// (text, at, role fields; image files in "images").
import type { Context } from 'hono';
import { z } from 'zod';

import { InvalidInputError } from '../errors/index.ts';
import { MAX_EXTERNAL_ID_CHARS } from '../memory/types.ts';
import { imageJsonSchema, imagesFromForm, imagesFromJson } from './images.ts';
import { jsonBody, parseWith } from './validate.ts';
import type { ImageInput } from '../memory/inputs.ts';

export const isoDate = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-03-01T09:00:00Z' }).transform((value) => new Date(value));

/** maxTextChars: the deployment's store.maxTextChars, checked here so the response names the field. */
const messageSchema = (maxTextChars: number) =>
  z
    .object({
      text: z.string().max(maxTextChars, `is longer than ${maxTextChars} characters (raise store.maxTextChars, PERSONAVLM_MAX_TEXT_CHARS, to store longer turns)`),
      images: z.array(imageJsonSchema).max(16).optional(),
      at: isoDate.optional(),
      role: z.enum(['user', 'assistant']).optional(),
      speaker: z.string().min(1).max(200).optional(),
    })
    .strict();

/** A stored turn also takes the client's own id: a retry with the same id returns the stored turn, not a copy. */
const turnSchema = (maxTextChars: number) => messageSchema(maxTextChars).extend({ id: z.string().min(1).max(MAX_EXTERNAL_ID_CHARS).optional() }).strict();

export interface MessageInput {
  text: string;
  images: ImageInput[];
  at?: Date;
  role?: 'user' | 'assistant';
  speaker?: string;
  /** Only for stored turns (`readMessage(c, { withId: true })`). */
  id?: string;
}

const single = (value: string | File | Array<string | File> | undefined): unknown => (typeof value === 'string' ? value : undefined);

export async function readMessage(c: Context, options: { withId?: boolean; maxTextChars: number }): Promise<MessageInput> {
  const schema = options.withId ? turnSchema(options.maxTextChars) : messageSchema(options.maxTextChars);
  if ((c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
    let form: Awaited<ReturnType<typeof c.req.parseBody>>;
    try {
      form = await c.req.parseBody({ all: true });
    } catch (error) {
      throw new InvalidInputError('The multipart/form-data body could not be read; send fields text, at, role and image files in "images".', { cause: error });
    }
    const fields = { text: single(form.text) ?? '', at: single(form.at), role: single(form.role), speaker: single(form.speaker), ...(options.withId ? { id: single(form.id) } : {}) };
    const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    const parsed = parseWith(schema, defined, 'form fields');
    return { ...parsed, images: await imagesFromForm(form) };
  }
  const parsed = await jsonBody(c, schema);
  return { ...parsed, images: imagesFromJson(parsed.images) };
}
