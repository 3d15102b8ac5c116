// Plain JSONL of turns, one per line: {"role": "user"|"assistant", "text": "...", "at": "<ISO time>",
// "speaker"?: "...", "images"?: ["photo.jpg" | {"path"?: "...", "caption"?: "..."}], "session"?: "key", "id"?: "..."}.
// Image paths are relative to the file. Sessions follow "session" when given, else the time-gap rule.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { defaults } from '../../config/defaults.ts';
import { InvalidInputError } from '../../errors/index.ts';
import type { History, HistorySession, HistoryTurn } from '../../memory/history.ts';
import { startsNewSession } from '../../memory/sessions.ts';
import type { ImageInput } from '../../memory/inputs.ts';

const imageSchema = z.union([z.string().min(1), z.object({ path: z.string().min(1).optional(), caption: z.string().optional() })]);
const lineSchema = z.object({
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  at: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'is not a date (use ISO 8601, e.g. 2024-03-01T09:30:00Z)'),
  speaker: z.string().optional(),
  images: z.array(imageSchema).optional(),
  session: z.union([z.string(), z.number()]).optional(),
  id: z.string().optional(),
});

async function readImage(base: string, image: z.infer<typeof imageSchema>, where: string): Promise<ImageInput> {
  const spec = typeof image === 'string' ? { path: image } : image;
  if (!spec.path) return { ...(spec.caption ? { caption: spec.caption } : {}) };
  const path = resolve(base, spec.path);
  try {
    return { bytes: new Uint8Array(await readFile(path)), path, ...(spec.caption ? { caption: spec.caption } : {}) };
  } catch (error) {
    throw new InvalidInputError(`${where}: image ${path} is not readable.`, { cause: error });
  }
}

/** Bad lines listed at most this many at once (the count says how many more). */
const MAX_LISTED = 20;

export interface JsonlHistoryOptions {
  sessionGapMinutes?: number;
  /** The store's limits (store.maxTextChars, vision.maxImageBytes): a line over one is reported with the others. */
  maxTextChars?: number;
  maxImageBytes?: number;
}

/**
 * All or nothing: every line is read and checked (JSON, fields, dates, image files, sizes) before the history is
 * returned, and a file with any bad line is refused with every bad line's number and what is wrong with it.
 */
export async function loadJsonlHistory(file: string, options: JsonlHistoryOptions = {}): Promise<History> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new InvalidInputError(`Cannot read ${file}.`, { cause: error });
  });
  const gap = options.sessionGapMinutes ?? defaults.memory.sessionGapMinutes;
  const maxTextChars = options.maxTextChars ?? defaults.store.maxTextChars;
  const maxImageBytes = options.maxImageBytes ?? defaults.vision.maxImageBytes;
  const sessions: HistorySession[] = [];
  const problems: { line: number; message: string }[] = [];
  let current: { key: string; turns: HistoryTurn[] } | null = null;
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    if (raw.trim() === '') continue;
    const line = index + 1;
    const where = `${file} line ${line}`;
    let parsed: z.infer<typeof lineSchema>;
    try {
      parsed = lineSchema.parse(JSON.parse(raw));
    } catch (error) {
      const reason = error instanceof z.ZodError ? error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ') : (error as Error).message;
      problems.push({ line, message: `not a turn {role, text, at, speaker?, images?, session?, id?}: ${reason}` });
      continue;
    }
    if (parsed.text.length > maxTextChars) {
      problems.push({ line, message: `text is ${parsed.text.length} characters, over the limit of ${maxTextChars} (split the turn, or raise store.maxTextChars / PERSONAVLM_MAX_TEXT_CHARS)` });
    }
    const images: ImageInput[] = [];
    for (const image of parsed.images ?? []) {
      try {
        const read = await readImage(dirname(file), image, where);
        if (read.bytes && read.bytes.length > maxImageBytes) {
          problems.push({ line, message: `image ${read.path} is ${read.bytes.length} bytes, over the limit of ${maxImageBytes} (raise vision.maxImageBytes / PERSONAVLM_MAX_IMAGE_BYTES)` });
        }
        images.push(read);
      } catch (error) {
        problems.push({ line, message: (error as Error).message.replace(`${where}: `, '') });
      }
    }
    const at = new Date(parsed.at);
    const turn: HistoryTurn = { role: parsed.role, text: parsed.text, at, origin: where, ...(parsed.speaker ? { speaker: parsed.speaker } : {}), ...(parsed.id ? { externalId: parsed.id } : {}), ...(images.length > 0 ? { images } : {}) };
    const last = current?.turns.at(-1);
    const key = parsed.session !== undefined ? `session_${parsed.session}` : null;
    const split = key !== null ? current?.key !== key : !last || startsNewSession({ lastTurnAt: last.at, at, gapMinutes: gap });
    if (!current || split) sessions.push((current = { key: key ?? `from_line_${line}`, turns: [] }));
    current.turns.push(turn);
  }
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED).map((problem) => `  line ${problem.line}: ${problem.message}`);
    const more = problems.length > MAX_LISTED ? [`  … and ${problems.length - MAX_LISTED} more bad line(s)`] : [];
    throw new InvalidInputError(`${file} has ${problems.length} bad line(s); nothing was imported. Fix them and run the import again:\n${[...listed, ...more].join('\n')}`, {
      details: { file, problems },
    });
  }
  return { source: `jsonl:${resolve(file)}`, sessions };
}
