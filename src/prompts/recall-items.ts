// How each recalled item reads in the prompt (retrieval builds the items, every answering and benchmark prompt
// shows them): compact, with the time and weekday the paper's "Retrieved Dialogue" shows. One header per session
// (not per turn) so more evidence fits a budget; no ids, because the model has no use for them. Each turn's text
// appears verbatim. The day and moment formats live with the time zone (memory/) so every capability shows dates
// alike. Pinned by a snapshot: changing the text changes every recalled item and the LoCoMo figures, so bump the
// version with it (and re-record the scenario replays).
import { formatDay, formatMoment, UTC } from '../memory/time-zone.ts';
import type { Memory, Turn } from '../memory/types.ts';
import { outdatedMarkerOf } from '../memory/outdated.ts';

export const recallItemsPrompt = { id: 'recall.items', version: 1 } as const;

export function speakerLabel(turn: Pick<Turn, 'speaker' | 'role'>): string {
  return turn.speaker ?? (turn.role === 'user' ? 'User' : 'Assistant');
}

/** One line per turn: "Name: text [photo: caption]". */
export function renderTurnLine(turn: Pick<Turn, 'speaker' | 'role' | 'text'>, imageText: string): string {
  const image = imageText ? ` [photo: ${imageText}]` : '';
  return `${speakerLabel(turn)}: ${turn.text}${image}`;
}

export function renderWindowHeader(at: Date, timeZone: string = UTC): string {
  return `[${formatMoment(at, timeZone)}]`;
}

/** The line between runs of turns of one session that were not all chosen. */
export const SKIPPED_TURNS = '…';

/** A session's chosen turns under one header; runs of consecutive turns separated by SKIPPED_TURNS. */
export function renderSessionItem(at: Date, runs: readonly (readonly string[])[], timeZone: string = UTC): string {
  const lines = [renderWindowHeader(at, timeZone)];
  runs.forEach((run, index) => {
    if (index > 0) lines.push(SKIPPED_TURNS);
    lines.push(...run);
  });
  return lines.join('\n');
}

/** "Sat 3 Oct 2026", or "Sat 3 Oct 2026 – Mon 5 Oct 2026" for a period of several days ([from, to), to exclusive). */
function formatPeriod(from: Date, to: Date | null, timeZone: string): string {
  const first = formatDay(from, timeZone);
  const last = to ? formatDay(new Date(Math.max(from.getTime(), to.getTime() - 1)), timeZone) : first;
  return last === first ? first : `${first} – ${last}`;
}

/**
 * "[semantic memory, Fri 2 Oct 2026] …" (when it was said), or "[semantic memory, said Fri 2 Oct 2026, about
 * Sat 3 Oct 2026] …" when it is about another period (remember/memory-period.ts): the model sees both dates.
 */
export function renderMemory(memory: Pick<Memory, 'type' | 'content' | 'eventTime' | 'validFrom' | 'detail'>, timeZone: string = UTC): string {
  const said = formatDay(memory.validFrom, timeZone);
  const about = memory.eventTime?.from ? formatPeriod(memory.eventTime.from, memory.eventTime.to, timeZone) : said;
  const when = about === said ? said : `said ${said}, about ${about}`;
  return `[${memory.type} memory, ${when}] ${memory.content}${outdatedMarkerOf(memory, timeZone)}`;
}
