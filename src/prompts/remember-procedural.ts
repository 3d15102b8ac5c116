// Procedural memory after a session: at most 5 keyed habits and long-term goals, the whole set rewritten
// (completed or changed goals dropped). Alone in the paper budget; a section of remember-session.
import { z } from 'zod';
import type { EventBus } from '../memory/events.ts';
import type { ChatMessage } from '../model/ports.ts';
import { asList, asText, field, isRecord, OutputShapeError, parseModelOutput, type RepairLog } from './parse/index.ts';
import { type SessionPromptInput, sessionUserMessage } from './remember-session-input.ts';

export const MAX_PROCEDURAL = 5;

/** The whole rewritten set (also remember.session's "procedural"). */
export const PROCEDURAL_OUTPUT = z.array(z.object({ key: z.string(), content: z.string() })).max(MAX_PROCEDURAL);

export const rememberProceduralPrompt = { id: 'remember.procedural', version: 3, output: z.object({ procedural: PROCEDURAL_OUTPUT }) } as const;

export interface ProceduralDraft {
  key: string;
  content: string;
}

export const PROCEDURAL_INSTRUCTIONS = `Rewrite the user's habits and long-term goals: the current ones updated by the session.
Keep at most ${MAX_PROCEDURAL} entries. Each has a "key" (snake_case; keep the existing key for the same habit or goal) and
"content": one third-person sentence with its time or trigger ("User runs every Thursday morning").
Drop goals the session shows completed or abandoned, and plans whose dates have passed; change entries the session
changes, and entries a change in the session makes untrue (a habit "on night shifts" once the user works days);
keep the others as they are.
Only habits and goals the user stated or clearly showed; no one-off events.`;

/** Reads the full new set; over 5 entries are cut with a note, duplicate keys keep the first. */
export function interpretProcedural(value: unknown, path: string, log: RepairLog): ProceduralDraft[] {
  if (value === undefined || value === null) throw new OutputShapeError(`${path} is missing: the set must be rewritten (an empty list clears it)`);
  let items: unknown[] | undefined;
  if (isRecord(value) && !('key' in value)) {
    log.note('object_to_list', path);
    items = Object.entries(value).map(([key, content]) => ({ key, content }));
  } else items = asList(value, path, log);
  if (!items) throw new OutputShapeError(`${path} must be a list of {key, content}`);
  const drafts: ProceduralDraft[] = [];
  for (const [index, raw] of items.entries()) {
    const at = `${path}[${index}]`;
    const key = isRecord(raw) ? asText(field(raw, 'key'), `${at}.key`, log) : undefined;
    const content = isRecord(raw) ? asText(field(raw, 'content', 'value', 'description'), `${at}.content`, log) : undefined;
    if (!key || !content) {
      log.note('dropped_item', at, 'needs key and content');
      continue;
    }
    const slug = key.toLowerCase().replace(/[^\w.]+/g, '_');
    if (drafts.some((d) => d.key === slug)) log.note('dropped_item', at, `duplicate key ${slug}`);
    else drafts.push({ key: slug, content });
  }
  if (drafts.length > MAX_PROCEDURAL) log.note('truncated_list', path, `${drafts.length} entries, kept ${MAX_PROCEDURAL}`);
  return drafts.slice(0, MAX_PROCEDURAL);
}

export function buildProceduralPrompt(input: SessionPromptInput): ChatMessage[] {
  return [
    { role: 'system', content: `You maintain the procedural memory of a personal assistant.\n\n${PROCEDURAL_INSTRUCTIONS}\n\nAnswer with JSON only, like:\n{"procedural": [{"key": "morning_run", "content": "User runs every Thursday morning."}]}` },
    sessionUserMessage(input, { procedural: true }),
  ];
}

export function parseProceduralOutput(text: string, events: EventBus): ProceduralDraft[] {
  return parseModelOutput(rememberProceduralPrompt, text, events, (value, log) =>
    interpretProcedural(isRecord(value) && ('procedural' in value || 'habits' in value) ? field(value, 'procedural', 'habits') : value, 'procedural', log),
  'any');
}
