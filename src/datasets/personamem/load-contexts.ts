// PersonaMem's shared contexts, JSONL: each line one object {context_id: [{role, content}, …]}. The 1M-token
// files are large, so lines are streamed and only the contexts some question needs are kept.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { InvalidInputError } from '../../errors/index.ts';

export const contextMessageSchema = z.looseObject({ role: z.string(), content: z.string() });
export type ContextMessage = z.infer<typeof contextMessageSchema>;

const lineSchema = z.record(z.string(), z.array(contextMessageSchema));

export async function loadPersonaMemContexts(path: string, wanted: ReadonlySet<string>): Promise<Map<string, ContextMessage[]>> {
  const contexts = new Map<string, ContextMessage[]>();
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const line of lines) {
      number += 1;
      if (line.trim() === '') continue;
      // Cheap look at the key first: most lines of a big file are contexts no selected question uses.
      const key = /^\s*\{\s*"((?:[^"\\]|\\.)*)"/.exec(line)?.[1];
      if (key !== undefined && !wanted.has(key)) continue;
      let parsed: z.infer<typeof lineSchema>;
      try {
        parsed = lineSchema.parse(JSON.parse(line));
      } catch (error) {
        throw new InvalidInputError(`${path} line ${number} is not {"context_id": [{"role", "content"}, …]}.`, { cause: error });
      }
      for (const [id, messages] of Object.entries(parsed)) if (wanted.has(id)) contexts.set(id, messages);
    }
  } catch (error) {
    if (InvalidInputError.isInstance(error)) throw error;
    throw new InvalidInputError(`Cannot read the PersonaMem contexts file "${path}". Check --contexts.`, { cause: error });
  }
  const missing = [...wanted].filter((id) => !contexts.has(id));
  if (missing.length > 0) throw new InvalidInputError(`${path} has no context ${missing.slice(0, 3).map((id) => `"${id}"`).join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''} that the questions name.`);
  return contexts;
}
