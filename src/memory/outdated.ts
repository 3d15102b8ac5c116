// When a fact is superseded ("User works at Acme" → "User works at Solaris"), other memories written before the
// change may still state the old fact: an episode's summary, a profile line. They are kept (they are history) and
// marked: detail.outdatedBy lists what changed since, so recall ranks them below the current fact and every
// prompt shows the model which statement is current. The dialogue turns the old fact came from are marked at
// recall time from the superseded memory itself (retrieval/memory-corpus.ts).
import { contentTokens } from './supersession-text.ts';
import { formatDay, UTC } from './time-zone.ts';
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

/** Words the old statement has and the new one lacks: what is no longer true ("acme", "engineer"). */
export function staleWords(previous: string, current: string): Set<string> {
  const now = contentTokens(current);
  return new Set([...contentTokens(previous)].filter((word) => !now.has(word)));
}

/** Stale words a memory must share to state the old fact: two (one when the change dropped only one word). */
const SHARED_STALE_WORDS = 2;

/**
 * Whether `memory` (written before the change) states the superseded fact: it uses the words of the old statement
 * that the new one dropped — two of them, so a line that only shares a place name ("Porto" of an old job, said
 * beside a brother's visit) is not taken for it; or, for an episode, it summarises the very turns the old fact came
 * from (a profile line's sources are its whole session, which says nothing about which line changed).
 */
export function statesOldFact(memory: Pick<Memory, 'type' | 'content' | 'sourceTurnIds' | 'validFrom'>, previous: Pick<Memory, 'content' | 'sourceTurnIds'>, current: Pick<Memory, 'content' | 'validFrom'>): boolean {
  if (memory.validFrom.getTime() > current.validFrom.getTime()) return false;
  const stale = staleWords(previous.content, current.content);
  if (stale.size === 0) return false;
  if (memory.type === 'episodic' && memory.sourceTurnIds.some((id) => previous.sourceTurnIds.includes(id))) return true;
  let shared = 0;
  for (const word of contentTokens(memory.content)) if (stale.has(word)) shared += 1;
  return shared >= Math.min(SHARED_STALE_WORDS, stale.size);
}

/** The notes with this change added (a second change of the same old fact replaces the first note). */
export function withOutdatedNote(memory: Pick<Memory, 'detail'>, note: OutdatedNote): OutdatedNote[] {
  return [...outdatedNotes(memory).filter((existing) => existing.previousId !== note.previousId), note];
}

/** ' [outdated since Fri 2 Oct 2026: now "User works at Solaris."]': what a stale line or memory carries, everywhere. */
export function outdatedMarker(replacements: readonly { current: string; at: Date }[], timeZone: string = UTC): string {
  return replacements.map((replacement) => ` [outdated since ${formatDay(replacement.at, timeZone)}: now "${replacement.current}"]`).join('');
}

/** The marker of a memory's own notes ('' when it states nothing changed since). */
export function outdatedMarkerOf(memory: Pick<Memory, 'detail'>, timeZone: string = UTC): string {
  return outdatedMarker(outdatedNotes(memory).map((note) => ({ current: note.current, at: new Date(note.at) })), timeZone);
}
