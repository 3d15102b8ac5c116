// Rendering helpers shared by the remember-* prompts: how times, turns and memories look to the model.
import type { BigFive } from '../memory/types.ts';
import { formatPersonality } from '../memory/pem.ts';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "2023-05-08 13:56 (Monday)", in UTC so a prompt renders the same on every machine. */
export function formatPromptTime(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} (${WEEKDAYS[at.getUTCDay()]})`;
}

export interface PromptTurn {
  role: 'user' | 'assistant';
  speaker: string | null;
  text: string;
  at: Date;
  /** Descriptions of attached images when the pixels are not sent (captions, OCR). */
  imageNotes?: string[];
}

export function formatTurnLine(turn: PromptTurn, label?: string): string {
  const who = turn.speaker ? `${turn.speaker} (${turn.role})` : turn.role === 'user' ? 'User' : 'Assistant';
  const notes = (turn.imageNotes ?? []).map((note) => ` [image: ${note}]`).join('');
  return `${label ? `${label} ` : ''}[${formatPromptTime(turn.at)}] ${who}: ${turn.text}${notes}`;
}

export interface PromptMemory {
  key: string | null;
  content: string;
}

export function formatMemoryList(memories: PromptMemory[], empty: string): string {
  if (memories.length === 0) return empty;
  return memories.map((m) => `- ${m.key ? `[${m.key}] ` : ''}${m.content}`).join('\n');
}

export function formatTraits(traits: BigFive): string {
  return formatPersonality(traits);
}
