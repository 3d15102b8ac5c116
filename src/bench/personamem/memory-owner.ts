// Which memory owner a PersonaMem question is asked of. Normally one per context, replayed forward as the
// questions' end indexes grow. But an owner whose memory already reaches past a question's end index (an
// earlier run got further, e.g. with another --limit) would let the question see messages it must not, so
// such a question gets a fresh owner for its own prefix. How far each owner's memory reaches is journaled.
import type { ResultsJournal } from '../qa/results-journal.ts';
import { contextUserId } from '../../datasets/personamem/segment-history.ts';

export interface ReplayMark {
  id: string;
  kind: 'replay';
  userId: string;
  /** The owner's memory holds the context's messages [0, storedTo). */
  storedTo: number;
  [field: string]: unknown;
}

export const replayMarkId = (userId: string): string => `replay:${userId}`;

type Journal = ResultsJournal<{ id: string; [field: string]: unknown }>;

export function storedTo(journal: Journal, userId: string): number {
  const mark = journal.get(replayMarkId(userId)) as ReplayMark | undefined;
  return mark?.storedTo ?? 0;
}

/** An owner whose memory does not reach past endIndex: the context's own, else one for this prefix. */
export function ownerFor(journal: Journal, contextId: string, endIndex: number, current: { userId: string; replayedTo: number } | null): string {
  if (current && current.replayedTo <= endIndex && storedTo(journal, current.userId) <= endIndex) return current.userId;
  const base = contextUserId(contextId);
  if (!current && storedTo(journal, base) <= endIndex) return base;
  for (let attempt = 1; ; attempt += 1) {
    const candidate = `${base}:${endIndex}${attempt > 1 ? `~${attempt}` : ''}`;
    if (storedTo(journal, candidate) <= endIndex) return candidate;
  }
}

export async function markReplayed(journal: Journal, userId: string, to: number): Promise<void> {
  if (to > storedTo(journal, userId)) await journal.append({ id: replayMarkId(userId), kind: 'replay', userId, storedTo: to } satisfies ReplayMark);
}
