// Semantic memory extraction from one user turn (PERSONAVLM.md: {reason, decision, content, keywords}, plus
// image-object memories). Used alone in the paper write budget, and as half of remember-turn.
import { z } from 'zod';
import type { EventBus } from '../memory/events.ts';
import type { Box } from '../memory/types.ts';
import type { ChatMessage } from '../model/ports.ts';
import { asInteger, asList, asText, asTextList, field, isRecord, OutputShapeError, parseModelOutput, type RepairLog } from './parse/index.ts';
import { type TurnPromptInput, turnContextBlock } from './remember-turn-input.ts';

export const SEMANTIC_CATEGORIES = ['fact', 'preference', 'dislike', 'correction', 'goal', 'remember', 'image_object'] as const;

/** One memory as the instructions ask for it (also the items of remember.turn's "memories"). */
export const SEMANTIC_ITEM_OUTPUT = z.object({
  reason: z.string(),
  decision: z.enum(['store', 'skip']),
  category: z.enum(SEMANTIC_CATEGORIES),
  key: z.string(),
  content: z.string(),
  keywords: z.array(z.string()),
  when: z.string().nullable().optional(),
  image: z.number().int().min(1).nullable().optional(),
  box: z.array(z.number().int().min(0)).length(4).nullable().optional(),
});

export const rememberSemanticPrompt = { id: 'remember.semantic', version: 3, output: z.object({ memories: z.array(SEMANTIC_ITEM_OUTPUT) }) } as const;
export type SemanticCategory = (typeof SEMANTIC_CATEGORIES)[number];

export interface SemanticDraft {
  reason: string;
  category: SemanticCategory;
  /** Stable subject slug: the same subject gets the same key, so a new value supersedes the old one. */
  key: string | null;
  /** Third person ("User …"); image objects: "[name] (Image Object: category)". */
  content: string;
  keywords: string[];
  /** The date or period the memory is about, as the model wrote it ("2026-10-03"); null for a lasting fact. */
  when: string | null;
  /** Image objects: which attached image (0-based) and where in it. */
  image: { index: number; box: Box | null } | null;
}

export const SEMANTIC_INSTRUCTIONS = `Decide whether THE USER TURN holds something worth remembering long-term about the user:
a core fact (identity, family, pets, work, home, health), a preference, a dislike, a correction of something
known, a goal or plan, or an explicit request to remember something. Small talk, greetings, questions to the
assistant and passing moods are not worth remembering.
For each memory give:
- "reason": why it is worth keeping (one sentence);
- "decision": "store" or "skip";
- "category": one of fact, preference, dislike, correction, goal, remember, image_object;
- "key": a short snake_case subject, reused from a known memory only when this one replaces it (a new value of the
  same fact, e.g. "favorite_drink"); a further detail about the same person, pet or trip gets its own key, and the
  known memory stays as it is;
- "content": one sentence in the third person ("User ..."), with absolute dates instead of relative ones
  ("on Saturday 3 October 2026", not "this Saturday");
- "keywords": 2 to 6 search words;
- "when": the date or period the memory is about, "YYYY-MM-DD" or "YYYY-MM-DD to YYYY-MM-DD", only for a dated event
  or plan; null for a lasting fact (a job, an allergy, a preference). Date each memory by its own words only: "my
  brother visits this Saturday and he is allergic to shellfish" is a visit on that Saturday and an allergy with no date.
When an attached image shows an object that belongs to the user (their dog, car, bike), add an image_object memory
whose content is "[name] (Image Object: category)", e.g. "[Max] (Image Object: dog)", with "image" (1-based image
number) and "box" [x, y, width, height] in pixels.
The turn's photos are described on its line ([Image 1: …]: text read in it, objects, people): use them like its words.
Use ONLY what the user turn says or shows. Never invent names, dates or details. The recent conversation and the
known memories are context: do not re-extract them. A turn with nothing new gives an empty list.`;

const SEMANTIC_EXAMPLE = `{"memories": [{"reason": "...", "decision": "store", "category": "preference", "key": "favorite_drink", "content": "User prefers green tea to coffee.", "keywords": ["green tea", "coffee", "drink"], "when": null}]}`;

function interpretBox(value: unknown, path: string, log: RepairLog): Box | null {
  const numbers = Array.isArray(value) ? value : isRecord(value) ? [field(value, 'x'), field(value, 'y'), field(value, 'width', 'w'), field(value, 'height', 'h')] : null;
  if (!numbers || numbers.length !== 4) return null;
  const [x, y, width, height] = numbers.map((n, i) => asInteger(n, { min: 0, max: 1_000_000 }, `${path}[${i}]`, log));
  if (x === undefined || y === undefined || width === undefined || height === undefined || width === 0 || height === 0) return null;
  return { x, y, width, height };
}

const NO_DATE = /^(null|none|n\/a|unknown|-|always|ongoing)$/i;

function readWhen(value: unknown, path: string, log: RepairLog): string | null {
  if (value === undefined || value === null) return null;
  const text = asText(value, path, log);
  return text && !NO_DATE.test(text.trim()) ? text.trim() : null;
}

/** Reads a list of memories; an item without content is dropped with a note, never filled in. */
export function interpretSemanticItems(value: unknown, path: string, log: RepairLog, imageCount: number): SemanticDraft[] {
  if (value === undefined || value === null) {
    log.note('missing_field', path, 'read as no memories');
    return [];
  }
  const items = asList(value, path, log);
  if (!items) throw new OutputShapeError(`${path} must be a list of memories`);
  const drafts: SemanticDraft[] = [];
  for (const [index, raw] of items.entries()) {
    const at = `${path}[${index}]`;
    if (!isRecord(raw)) {
      log.note('dropped_item', at, 'not an object');
      continue;
    }
    const decision = (asText(field(raw, 'decision'), `${at}.decision`, log) ?? 'store').toLowerCase();
    if (decision.startsWith('skip') || decision === 'no' || decision === 'false') continue;
    const content = asText(field(raw, 'content', 'memory', 'text'), `${at}.content`, log);
    if (!content) {
      log.note('dropped_item', at, 'no content');
      continue;
    }
    const rawCategory = (asText(field(raw, 'category', 'type'), `${at}.category`, log) ?? 'fact').toLowerCase().replace(/[\s-]+/g, '_');
    const category = (SEMANTIC_CATEGORIES as readonly string[]).includes(rawCategory) ? (rawCategory as SemanticCategory) : 'fact';
    if (category !== rawCategory) log.note('unknown_category', `${at}.category`, `${rawCategory} read as fact`);
    const imageNumber = asInteger(field(raw, 'image'), { min: 1, max: Math.max(imageCount, 1) }, `${at}.image`, log);
    const key = asText(field(raw, 'key', 'subject'), `${at}.key`, log);
    drafts.push({
      reason: asText(field(raw, 'reason'), `${at}.reason`, log) ?? '',
      category,
      key: key ? key.toLowerCase().replace(/[^\w.]+/g, '_') : null,
      content,
      keywords: asTextList(field(raw, 'keywords'), `${at}.keywords`, log) ?? [],
      when: readWhen(field(raw, 'when', 'date', 'time'), `${at}.when`, log),
      image: imageCount > 0 && imageNumber !== undefined ? { index: imageNumber - 1, box: interpretBox(field(raw, 'box', 'region'), `${at}.box`, log) } : null,
    });
  }
  return drafts;
}

export function buildSemanticPrompt(input: TurnPromptInput): ChatMessage[] {
  return [
    { role: 'system', content: `You maintain the long-term memory of a personal assistant.\n\n${SEMANTIC_INSTRUCTIONS}\n\nAnswer with JSON only, like:\n${SEMANTIC_EXAMPLE}` },
    { role: 'user', content: turnContextBlock(input), ...(input.images.length > 0 ? { images: input.images } : {}) },
  ];
}

export function parseSemanticOutput(text: string, events: EventBus, imageCount: number): SemanticDraft[] {
  return parseModelOutput(rememberSemanticPrompt, text, events, (value, log) =>
    interpretSemanticItems(isRecord(value) ? field(value, 'memories', 'semantic') : value, 'memories', log, imageCount),
  'any');
}
