// How each recalled item reads in the prompt (retrieval builds the items, every answering and benchmark prompt
// shows them): compact, with the time and weekday the paper's "Retrieved Dialogue" shows. One header per session
// (not per turn) so more evidence fits a budget; no ids, because the model has no use for them. Each turn's text
// appears verbatim. Times are in the one stamp format (memory/stamp.ts) every prompt and the CLI use. Pinned by a snapshot: changing the text changes every recalled item and the LoCoMo figures, so bump the
// version with it (and re-record the scenario replays).
import { formatStamp, formatStampDay } from '../memory/stamp.ts';
import { UTC } from '../memory/time-zone.ts';
import type { Memory, Turn } from '../memory/types.ts';
import { outdatedMarkerOf } from '../memory/outdated.ts';

export const recallItemsPrompt = { id: 'recall.items', version: 2 } as const;

export function speakerLabel(turn: Pick<Turn, 'speaker' | 'role'>): string {
  return turn.speaker ?? (turn.role === 'user' ? 'User' : 'Assistant');
}

/** One line per turn: "Name: text [photo: caption]". */
export function renderTurnLine(turn: Pick<Turn, 'speaker' | 'role' | 'text'>, imageText: string): string {
  const image = imageText ? ` [photo: ${imageText}]` : '';
  return `${speakerLabel(turn)}: ${turn.text}${image}`;
}

export function renderWindowHeader(at: Date, timeZone: string = UTC): string {
  return `[${formatStamp(at, timeZone)}]`;
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

/**
 * "2026-10-03 (Saturday)", or "2026-10-03 (Saturday) to 2026-10-05 (Monday)" for a period of several days ([from, to),
 * to exclusive): the form the model writes a memory's "when" in (remember-semantic.ts).
 */
function formatPeriod(from: Date, to: Date | null, timeZone: string): string {
  const first = formatStampDay(from, timeZone);
  const last = to ? formatStampDay(new Date(Math.max(from.getTime(), to.getTime() - 1)), timeZone) : first;
  return last === first ? first : `${first} to ${last}`;
}

/**
 * "[semantic memory, 2026-10-02 (Friday)] …" (when it was said), or "[semantic memory, said 2026-10-02 (Friday), about
 * 2026-10-03 (Saturday)] …" when it is about another period (remember/memory-period.ts): the model sees both dates.
 */
export function renderMemory(memory: Pick<Memory, 'type' | 'content' | 'eventTime' | 'validFrom' | 'detail'>, timeZone: string = UTC): string {
  const said = formatStampDay(memory.validFrom, timeZone);
  const about = memory.eventTime?.from ? formatPeriod(memory.eventTime.from, memory.eventTime.to, timeZone) : said;
  const when = about === said ? said : `said ${said}, about ${about}`;
  return `[${memory.type} memory, ${when}] ${memory.content}${outdatedMarkerOf(memory, timeZone)}`;
}
