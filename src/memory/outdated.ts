// When a fact is superseded ("User works at Acme" → "User works at Solaris"), the episodes that summarised the turns
// it came from still state the old fact. They are kept (they are history) and marked: detail.outdatedBy lists what
// changed since, so recall ranks them below the current fact and every prompt shows the model which statement is
// current. The dialogue turns the old fact came from are marked at recall time from the superseded memory itself
// (retrieval/memory-corpus.ts).
import { formatStampDay } from './stamp.ts';
import { UTC } from './time-zone.ts';
import type { Memory } from './types.ts';

export interface OutdatedNote {
  /** The superseded memory and the one that replaced it. */
  previousId: string;
  currentId: string;
  previous: string;
  current: string;
  /** When the replacement was said (ISO 8601). */
  at: string;
}

/** The notes on a memory (detail.outdatedBy), read defensively: detail is free JSON. */
export function outdatedNotes(memory: Pick<Memory, 'detail'>): OutdatedNote[] {
  const raw = memory.detail['outdatedBy'];
  if (!Array.isArray(raw)) return [];
  return raw.filter((note): note is OutdatedNote =>
    typeof note === 'object' && note !== null && ['previousId', 'currentId', 'previous', 'current', 'at'].every((key) => typeof (note as Record<string, unknown>)[key] === 'string'));
}

/**
 * Whether an episode (written before the change) states the superseded fact: it summarises the very turns the old
 * fact came from. Word overlap was tried and marked the wrong lines (a place name shared with an old job, "called"
 * shared by a cat and a girlfriend); profile lines are not marked at all: the session job rewrites them, and until
 * it does, prompts list what changed since the profile was written (memory/changes.ts).
 */
export function statesOldFact(memory: Pick<Memory, 'type' | 'sourceTurnIds' | 'validFrom'>, previous: Pick<Memory, 'sourceTurnIds'>, current: Pick<Memory, 'validFrom'>): boolean {
  if (memory.type !== 'episodic' || memory.validFrom.getTime() > current.validFrom.getTime()) return false;
  return memory.sourceTurnIds.some((id) => previous.sourceTurnIds.includes(id));
}

/** The notes with this change added (a second change of the same old fact replaces the first note). */
export function withOutdatedNote(memory: Pick<Memory, 'detail'>, note: OutdatedNote): OutdatedNote[] {
  return [...outdatedNotes(memory).filter((existing) => existing.previousId !== note.previousId), note];
}

/** ' [outdated since 2026-10-02 (Friday): now "User works at Solaris."]': what a stale line or memory carries, everywhere. */
export function outdatedMarker(replacements: readonly { current: string; at: Date }[], timeZone: string = UTC): string {
  return replacements.map((replacement) => ` [outdated since ${formatStampDay(replacement.at, timeZone)}: now "${replacement.current}"]`).join('');
}

/** The marker of a memory's own notes ('' when it states nothing changed since). */
export function outdatedMarkerOf(memory: Pick<Memory, 'detail'>, timeZone: string = UTC): string {
  return outdatedMarker(outdatedNotes(memory).map((note) => ({ current: note.current, at: new Date(note.at) })), timeZone);
}
