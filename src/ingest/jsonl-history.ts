// Plain JSONL of turns, one per line: {"role": "user"|"assistant", "text": "...", "at": "<ISO time>",
// "speaker"?: "...", "images"?: ["photo.jpg" | {"path"?: "...", "caption"?: "..."}], "session"?: "key", "id"?: "..."}.
// Image paths are relative to the file. Sessions follow "session" when given, else the time-gap rule.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { defaults } from '../config/defaults.ts';
import { InvalidInputError } from '../errors/index.ts';
import type { History, HistoryImage, HistorySession, HistoryTurn } from '../memory/history.ts';
import { startsNewSession } from '../memory/sessions.ts';

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

async function readImage(base: string, image: z.infer<typeof imageSchema>, where: string): Promise<HistoryImage> {
  const spec = typeof image === 'string' ? { path: image } : image;
  if (!spec.path) return { ...(spec.caption ? { caption: spec.caption } : {}) };
  const path = resolve(base, spec.path);
  try {
    return { bytes: new Uint8Array(await readFile(path)), path, ...(spec.caption ? { caption: spec.caption } : {}) };
  } catch (error) {
    throw new InvalidInputError(`${where}: image ${path} is not readable.`, { cause: error });
  }
}

export async function loadJsonlHistory(file: string, options: { sessionGapMinutes?: number } = {}): Promise<History> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new InvalidInputError(`Cannot read ${file}.`, { cause: error });
  });
  const gap = options.sessionGapMinutes ?? defaults.memory.sessionGapMinutes;
  const sessions: HistorySession[] = [];
  let current: { key: string; turns: HistoryTurn[] } | null = null;
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    if (raw.trim() === '') continue;
    const where = `${file} line ${index + 1}`;
    let parsed: z.infer<typeof lineSchema>;
    try {
      parsed = lineSchema.parse(JSON.parse(raw));
    } catch (error) {
      const reason = error instanceof z.ZodError ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (error as Error).message;
      throw new InvalidInputError(`${where} is not a turn {role, text, at, speaker?, images?, session?}: ${reason}`, { cause: error });
    }
    const at = new Date(parsed.at);
    const images = await Promise.all((parsed.images ?? []).map((image) => readImage(dirname(file), image, where)));
    const turn: HistoryTurn = { role: parsed.role, text: parsed.text, at, ...(parsed.speaker ? { speaker: parsed.speaker } : {}), ...(parsed.id ? { externalId: parsed.id } : {}), ...(images.length > 0 ? { images } : {}) };
    const last = current?.turns.at(-1);
    const key = parsed.session !== undefined ? `session_${parsed.session}` : null;
    const split = key !== null ? current?.key !== key : !last || startsNewSession({ lastTurnAt: last.at, at, gapMinutes: gap });
    if (!current || split) sessions.push((current = { key: key ?? `from_line_${index + 1}`, turns: [] }));
    current.turns.push(turn);
  }
  return { source: `jsonl:${resolve(file)}`, sessions };
}
