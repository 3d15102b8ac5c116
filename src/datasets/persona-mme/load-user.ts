// One Persona-MME user's history (user_data.json) as a neutral History. Each turn is a user message and the
// assistant's recorded reply at the turn's time. `<img>` markers in user text take the user's images in order,
// read from the user's folder by file name, as the official harness does. Empty sessions are skipped.
import { access, readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { InvalidInputError } from '../../errors/index.ts';
import type { History, HistorySession, HistoryTurn } from '../../memory/history.ts';
import { parsePersonaMmeTime } from './parse-time.ts';
import { personaMmeUserSchema } from './schema.ts';
import type { ImageInput } from '../../memory/inputs.ts';

export interface PersonaMmeUser {
  dataPath: string;
  /** Where user_data.json was found. */
  file: string;
  profile: unknown;
  history: History;
}

const IMG = /<img>/g;

/**
 * Where a question's data_path is on this machine. The official file writes paths relative to the repository
 * root ("./data/Persona-MME/samples/50/0/user_data.json"); we try the data root, then the question file's
 * folder, then the folder with everything up to "Persona-MME/" dropped.
 */
export async function resolveDataPath(dataPath: string, roots: { dataRoot?: string; questionsFile: string }): Promise<string> {
  const questionsDir = dirname(resolve(roots.questionsFile));
  const afterDataset = dataPath.replace(/^.*?Persona-MME\//, '');
  const candidates = isAbsolute(dataPath)
    ? [dataPath]
    : [...(roots.dataRoot ? [resolve(roots.dataRoot, dataPath), resolve(roots.dataRoot, afterDataset)] : []), resolve(questionsDir, dataPath), resolve(questionsDir, afterDataset)];
  for (const candidate of [...new Set(candidates)]) {
    try {
      await access(candidate);
      return candidate;
    } catch {
      // Not here; the next candidate may be.
    }
  }
  throw new InvalidInputError(`user_data.json for "${dataPath}" was not found. Tried: ${[...new Set(candidates)].join(', ')}. Pass --data-root with the folder the data_path entries are relative to.`);
}

async function readImage(folder: string, listed: string, where: string): Promise<ImageInput> {
  const path = join(folder, basename(listed));
  try {
    return { bytes: new Uint8Array(await readFile(path)), path };
  } catch (error) {
    throw new InvalidInputError(`${where}: image "${listed}" is not readable at ${path}.`, { cause: error });
  }
}

export async function loadPersonaMmeUser(dataPath: string, file: string): Promise<PersonaMmeUser> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new InvalidInputError(`Cannot read "${file}" as JSON.`, { cause: error });
  }
  const parsed = personaMmeUserSchema.safeParse(data);
  if (!parsed.success) {
    throw new InvalidInputError(`${file} is not a Persona-MME user_data.json: ${parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  const folder = dirname(file);
  const images = parsed.data.imgs ?? [];
  let nextImage = 0;
  const sessions: HistorySession[] = [];
  for (const [sessionIndex, session] of parsed.data.sessions.entries()) {
    if (!session || session.length === 0) continue;
    const turns: HistoryTurn[] = [];
    for (const [turnIndex, turn] of session.entries()) {
      const where = `${file} session ${sessionIndex} turn ${turnIndex}`;
      const at = parsePersonaMmeTime(turn.time, where);
      const markers = turn.user.match(IMG)?.length ?? 0;
      if (nextImage + markers > images.length) throw new InvalidInputError(`${where}: more <img> markers than entries in "imgs" (${images.length}).`);
      const turnImages = await Promise.all(images.slice(nextImage, nextImage + markers).map((listed) => readImage(folder, listed, where)));
      nextImage += markers;
      turns.push({ role: 'user', text: turn.user.replace(IMG, '').trim(), at, ...(turnImages.length > 0 ? { images: turnImages } : {}) });
      if (turn.assistant) turns.push({ role: 'assistant', text: turn.assistant, at });
    }
    sessions.push({ key: `session_${sessionIndex + 1}`, turns });
  }
  return { dataPath, file, profile: parsed.data.profile ?? null, history: { source: `persona-mme:${dataPath}`, sessions } };
}
