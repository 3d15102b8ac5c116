// Explicit time ranges filter for real (the official code's filter did nothing). One rule for turns and memories:
// an item passes when it was SAID in the range or is ABOUT a period that overlaps it — a turn's resolved dates
// ("last Sunday", resolved at write time), a memory's event time (remember/memory-period.ts). Ranges are
// [from, to): from inclusive, to exclusive.
import type { Memory, Period } from '../memory/types.ts';

// Turns: TurnCorpus.inRange, over the view's columns.
function overlaps(from: Date, to: Date, range: Period): boolean {
  return (range.to === null || from < range.to) && (range.from === null || to > range.from);
}

function contains(at: Date, range: Period): boolean {
  return (range.from === null || at >= range.from) && (range.to === null || at < range.to);
}

export function memoryInRange(memory: Pick<Memory, 'eventTime' | 'validFrom'>, range: Period): boolean {
  if (contains(memory.validFrom, range)) return true;
  if (!memory.eventTime) return false;
  const from = memory.eventTime.from ?? new Date(-8.64e15);
  const to = memory.eventTime.to ?? new Date(8.64e15);
  return overlaps(from, to, range);
}
