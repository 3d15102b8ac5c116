// Rendering helpers shared by the remember-* prompts: how times, turns and memories look to the model.
import { formatStamp } from '../memory/stamp.ts';
import { UTC } from '../memory/time-zone.ts';

export interface PromptPhoto {
  /** What the photo holds (memory/photo-notes.ts): caption, text read in it, objects, people. */
  note: string;
  /** Its number among the images attached to this prompt (1-based), when the pixels are sent too. */
  image?: number;
}

export interface PromptTurn {
  role: 'user' | 'assistant';
  speaker: string | null;
  text: string;
  at: Date;
  /** The turn's photos, in order, on the line of the turn that holds them. */
  photos?: PromptPhoto[];
}

function photoMarker(photo: PromptPhoto): string {
  return photo.image === undefined ? ` [photo: ${photo.note}]` : ` [Image ${photo.image}: ${photo.note}]`;
}

export function formatTurnLine(turn: PromptTurn, label?: string, timeZone: string = UTC): string {
  const who = turn.speaker ? `${turn.speaker} (${turn.role})` : turn.role === 'user' ? 'User' : 'Assistant';
  const photos = (turn.photos ?? []).map(photoMarker).join('');
  return `${label ? `${label} ` : ''}[${formatStamp(turn.at, timeZone)}] ${who}: ${turn.text}${photos}`;
}

export interface PromptMemory {
  key: string | null;
  content: string;
}

export function formatMemoryList(memories: PromptMemory[], empty: string): string {
  if (memories.length === 0) return empty;
  return memories.map((m) => `- ${m.key ? `[${m.key}] ` : ''}${m.content}`).join('\n');
}

/** A fact that replaced another after the profile was last written (memory/changes.ts). */
export interface PromptChange {
  at: Date;
  previous: string;
  current: string;
}

/** '- [2026-10-02 09:00 (Friday)] User works at Solaris. (before: User works at Acme.)' */
export function formatChanges(changes: readonly PromptChange[], timeZone: string = UTC): string[] {
  return changes.map((change) => `- [${formatStamp(change.at, timeZone)}] ${change.current} (before: ${change.previous})`);
}
