// How recalled memory reads in the prompt: compact, with the time and weekday the paper's "Retrieved Dialogue"
// shows. One header per session (not per turn) so more evidence fits a budget; no ids,
// because the model has no use for them. Each turn's text appears verbatim.
import type { Memory, Turn } from '../memory/types.ts';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Mon 8 May 2023" in UTC, the convention of the whole system (see enrichment/date-ranges.ts). */
export function formatDay(date: Date): string {
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "Mon 8 May 2023 1:56 pm". */
export function formatMoment(date: Date): string {
  const hours = date.getUTCHours();
  const minutes = String(date.getUTCMinutes()).padStart(2, '0');
  return `${formatDay(date)} ${hours % 12 === 0 ? 12 : hours % 12}:${minutes} ${hours < 12 ? 'am' : 'pm'}`;
}

export function speakerLabel(turn: Pick<Turn, 'speaker' | 'role'>): string {
  return turn.speaker ?? (turn.role === 'user' ? 'User' : 'Assistant');
}

/** One line per turn: "Name: text [photo: caption]". */
export function renderTurnLine(turn: Pick<Turn, 'speaker' | 'role' | 'text'>, imageText: string): string {
  const image = imageText ? ` [photo: ${imageText}]` : '';
  return `${speakerLabel(turn)}: ${turn.text}${image}`;
}

export function renderWindowHeader(at: Date): string {
  return `[${formatMoment(at)}]`;
}

/** The line between runs of turns of one session that were not all chosen. */
export const SKIPPED_TURNS = '…';

/** A session's chosen turns under one header; runs of consecutive turns separated by SKIPPED_TURNS. */
export function renderSessionItem(at: Date, runs: readonly (readonly string[])[]): string {
  const lines = [renderWindowHeader(at)];
  runs.forEach((run, index) => {
    if (index > 0) lines.push(SKIPPED_TURNS);
    lines.push(...run);
  });
  return lines.join('\n');
}

export function renderMemory(memory: Pick<Memory, 'type' | 'content' | 'eventTime' | 'validFrom'>): string {
  const when = memory.eventTime?.from ?? memory.validFrom;
  return `[${memory.type} memory, ${formatDay(when)}] ${memory.content}`;
}
