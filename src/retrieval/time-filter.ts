// Explicit time ranges filter for real (the official code's filter did nothing): a turn passes when it was
// said in the range or names a date in it ("last Sunday" resolved at write time); a memory passes when its
// event time overlaps the range, else when it became valid in it.
import type { Memory, TimeRange } from '../memory/types.ts';
import type { IndexedTurn } from './turn-corpus.ts';

function overlaps(from: Date, to: Date, range: TimeRange): boolean {
  return (range.to === null || from < range.to) && (range.from === null || to > range.from);
}

function contains(at: Date, range: TimeRange): boolean {
  return (range.from === null || at >= range.from) && (range.to === null || at < range.to);
}

export function turnInRange(entry: IndexedTurn, range: TimeRange): boolean {
  return contains(entry.turn.at, range) || entry.dates.some((date) => overlaps(date.from, date.to, range));
}

export function memoryInRange(memory: Memory, range: TimeRange): boolean {
  if (memory.eventTime) {
    const from = memory.eventTime.from ?? new Date(-8.64e15);
    const to = memory.eventTime.to ?? new Date(8.64e15);
    return overlaps(from, to, range);
  }
  return contains(memory.validFrom, range);
}
