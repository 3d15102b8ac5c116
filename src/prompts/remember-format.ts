// Rendering helpers shared by the remember-* prompts: how times, turns and memories look to the model.
import type { BigFive } from '../memory/types.ts';
import { formatPersonality } from '../memory/pem.ts';
import { UTC, wallClock } from '../memory/time-zone.ts';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (value: number): string => String(value).padStart(2, '0');

/** "2023-05-08 13:56 (Monday)": wall-clock time in the deployment's zone (UTC by default), never the machine's. */
export function formatPromptTime(at: Date, timeZone: string = UTC): string {
  const wall = wallClock(at, timeZone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)} (${WEEKDAYS[wall.weekday]})`;
}

export interface PromptTurn {
  role: 'user' | 'assistant';
  speaker: string | null;
  text: string;
  at: Date;
  /** Descriptions of attached images when the pixels are not sent (captions, OCR). */
  imageNotes?: string[];
}

export function formatTurnLine(turn: PromptTurn, label?: string, timeZone: string = UTC): string {
  const who = turn.speaker ? `${turn.speaker} (${turn.role})` : turn.role === 'user' ? 'User' : 'Assistant';
  const notes = (turn.imageNotes ?? []).map((note) => ` [image: ${note}]`).join('');
  return `${label ? `${label} ` : ''}[${formatPromptTime(turn.at, timeZone)}] ${who}: ${turn.text}${notes}`;
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
