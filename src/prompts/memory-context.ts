// The memory context personavlm hands to a model it does not drive: the OpenAI-compatible proxy adds it as one
// system message, and the MCP prompt `context_for_question` returns it. One delimited block, so a reader (and
// stripMemoryContext) can tell it from the client's own instructions.
import type { BigFive } from '../memory/types.ts';
import { alignmentInstructions, formatBigFive } from './reason-alignment.ts';
import { formatStamp } from '../memory/stamp.ts';

export const MEMORY_CONTEXT_PROMPT = { id: 'memory.context', version: 2 } as const;

export const MEMORY_CONTEXT_OPEN = '<personavlm_memory>';
export const MEMORY_CONTEXT_CLOSE = '</personavlm_memory>';

export interface MemoryContextInput {
  /** Core profile lines ("Name: Ann"), in profile order. */
  profile: string[];
  /** Procedural memory: habits, routines, goals. */
  habits: string[];
  /** null before the first scored turn: no alignment notes. */
  personality: BigFive | null;
  /** Retrieved items, exactly as recall rendered them (time and outdated markers included). */
  items: string[];
  /** The time of asking. */
  at: Date;
  timeZone?: string;
}

const INTRO = 'Long-term memory of this user, kept by personavlm from earlier conversations. Use it where it helps the reply, and never state facts about the user that are not here or in the conversation. When two memories disagree, trust the newest one that is not marked outdated.';

const list = (lines: readonly string[], empty: string): string => (lines.length > 0 ? lines.map((line) => `- ${line}`).join('\n') : empty);

export function buildMemoryContext(input: MemoryContextInput): string {
  const sections = [
    `${INTRO}\nNow: ${formatStamp(input.at, input.timeZone)}`,
    `## Profile\n${list(input.profile, '(nothing known yet)')}`,
    ...(input.personality ? [`## Personality (Big Five, 1-5)\n${formatBigFive(input.personality)}\n${alignmentInstructions(input.personality).join('\n')}`] : []),
    `## Habits and routines\n${list(input.habits, '(none known)')}`,
    `## Retrieved memories\n${input.items.length > 0 ? input.items.join('\n\n') : '(nothing relevant found)'}`,
  ];
  return `${MEMORY_CONTEXT_OPEN}\n${sections.join('\n\n')}\n${MEMORY_CONTEXT_CLOSE}`;
}

/**
 * The text without any memory block (a conversation that went through another personavlm proxy, or a client
 * that echoes its system prompt): an unclosed block runs to the end. Whitespace left at the seams is trimmed.
 */
export function stripMemoryContext(text: string): string {
  let rest = text;
  for (let start = rest.indexOf(MEMORY_CONTEXT_OPEN); start !== -1; start = rest.indexOf(MEMORY_CONTEXT_OPEN)) {
    const close = rest.indexOf(MEMORY_CONTEXT_CLOSE, start);
    const end = close === -1 ? rest.length : close + MEMORY_CONTEXT_CLOSE.length;
    rest = `${rest.slice(0, start).trimEnd()}${start > 0 && end < rest.length ? '\n' : ''}${rest.slice(end).trimStart()}`;
  }
  return rest.trim();
}

/** The MCP prompt `context_for_question`: the block, then the question it was packed for. */
export function buildQuestionWithContext(memoryBlock: string, question: string): string {
  return `${memoryBlock}\n\nWith what you know about me above, answer: ${question}`;
}
