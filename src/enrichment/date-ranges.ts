// Calendar arithmetic in one IANA time zone (default UTC). Histories (LoCoMo, Persona-MME) carry wall-clock
// times with no zone and are stored as UTC, so UTC is the default; a deployment whose users live elsewhere
// sets memory.timeZone, and "yesterday" is then the calendar day before the anchor on the user's own clock.
import { addZonedDays, instantOf, UTC, wallClock } from '../memory/time-zone.ts';
import type { Period } from '../memory/types.ts';

/** Midnight starting the zone's calendar day `offset` days after the date's (fields roll over). */
function dayStart(date: Date, offset: number, zone: string): Date {
  const wall = wallClock(date, zone);
  return instantOf({ year: wall.year, month: wall.month, day: wall.day + offset }, zone);
}

export function dayRange(date: Date, zone: string = UTC): Period<Date> {
  return { from: dayStart(date, 0, zone), to: dayStart(date, 1, zone) };
}

/** Monday-to-Monday week containing the date (ISO weeks start on Monday). */
export function weekRange(date: Date, zone: string = UTC): Period<Date> {
  const sinceMonday = (wallClock(date, zone).weekday + 6) % 7;
  return { from: dayStart(date, -sinceMonday, zone), to: dayStart(date, 7 - sinceMonday, zone) };
}

/** Saturday 00:00 to Monday 00:00 of the weekend in the week containing the date. */
export function weekendRange(date: Date, zone: string = UTC): Period<Date> {
  const sinceMonday = (wallClock(date, zone).weekday + 6) % 7;
  return { from: dayStart(date, 5 - sinceMonday, zone), to: dayStart(date, 7 - sinceMonday, zone) };
}

export function monthRange(year: number, monthIndex: number, zone: string = UTC): Period<Date> {
  return { from: instantOf({ year, month: monthIndex + 1, day: 1 }, zone), to: instantOf({ year, month: monthIndex + 2, day: 1 }, zone) };
}

export function yearRange(year: number, zone: string = UTC): Period<Date> {
  return { from: instantOf({ year, month: 1, day: 1 }, zone), to: instantOf({ year: year + 1, month: 1, day: 1 }, zone) };
}

export function widen(range: Period<Date>, days: number, zone: string = UTC): Period<Date> {
  return { from: addZonedDays(range.from, -days, zone), to: addZonedDays(range.to, days, zone) };
}
