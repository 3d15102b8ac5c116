// Calendar arithmetic on UTC dates. Histories (LoCoMo, Persona-MME) carry wall-clock times with no zone, so
// every date is read and resolved as UTC: "yesterday" is the UTC calendar day before the anchor.
const DAY_MS = 86_400_000;

export interface DateRange {
  from: Date;
  to: Date;
}

export function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export function dayRange(date: Date): DateRange {
  const from = startOfDay(date);
  return { from, to: addDays(from, 1) };
}

/** Monday-to-Monday week containing the date (ISO weeks start on Monday). */
export function weekRange(date: Date): DateRange {
  const day = startOfDay(date);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  const from = addDays(day, -sinceMonday);
  return { from, to: addDays(from, 7) };
}

/** Saturday 00:00 to Monday 00:00 of the weekend in the week containing the date. */
export function weekendRange(date: Date): DateRange {
  const week = weekRange(date);
  return { from: addDays(week.from, 5), to: week.to };
}

export function monthRange(year: number, monthIndex: number): DateRange {
  return { from: new Date(Date.UTC(year, monthIndex, 1)), to: new Date(Date.UTC(year, monthIndex + 1, 1)) };
}

export function yearRange(year: number): DateRange {
  return { from: new Date(Date.UTC(year, 0, 1)), to: new Date(Date.UTC(year + 1, 0, 1)) };
}

export function widen(range: DateRange, days: number): DateRange {
  return { from: addDays(range.from, -days), to: addDays(range.to, days) };
}
