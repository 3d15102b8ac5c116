// The one way times are written and read: by every prompt (turns, recalled items, memory dates, outdated markers,
// "Current time"), by the CLI, and by what the model or a person writes back (<retrieve> ranges, a memory's
// "when", `recall --at`). "2023-05-08 13:56 (Monday)" for a moment, "2023-05-08 (Monday)" for a day: wall-clock in
// the deployment's zone (memory.timeZone, default UTC), never the machine's. The weekday is there because people
// and models reason about "last Sunday"; a time copied back with it still reads. Stored turn times are instants;
// imported histories (LoCoMo, Persona-MME) give naive local times stored as UTC, which the default zone shows
// unchanged.
import { instantOf, UTC, wallClock } from './time-zone.ts';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const pad = (value: number): string => String(value).padStart(2, '0');

function dayOf(wall: ReturnType<typeof wallClock>): string {
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** "2023-05-08 13:56 (Monday)"; "time unknown" for no time. */
export function formatStamp(date: Date | null, timeZone: string = UTC): string {
  if (!date) return 'time unknown';
  const wall = wallClock(date, timeZone);
  return `${dayOf(wall)} ${pad(wall.hour)}:${pad(wall.minute)} (${WEEKDAYS[wall.weekday]})`;
}

/** "2023-05-08 (Monday)": the day on the zone's calendar. */
export function formatStampDay(date: Date, timeZone: string = UTC): string {
  const wall = wallClock(date, timeZone);
  return `${dayOf(wall)} (${WEEKDAYS[wall.weekday]})`;
}

export interface StampTime {
  date: Date;
  /** True when only a day was given ("2026-05-03"): a range bound then covers the whole day. */
  dayOnly: boolean;
}

// The weekday a stamp carries may come back with it, bracketed or after a comma, full or short: "(Monday)", ", Mon".
const STAMP_PATTERN = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*(?:\(\s*([a-z]+)\s*\)|,\s*([a-z]+)))?$/i;

/** The weekday index a written name means ("mon", "Monday"), or null when it names none. */
function weekdayIndex(name: string): number | null {
  const lower = name.toLowerCase();
  const index = WEEKDAYS.findIndex((day) => lower.length >= 3 && day.toLowerCase().startsWith(lower));
  return index < 0 ? null : index;
}

/**
 * Reads a stamp ("2023-05-08 13:56 (Monday)"), or "YYYY-MM-DD HH:MM" with "T", seconds or a bare day, as wall-clock
 * time in the zone. Null for anything that is not a real date, and for a weekday that is not that date's: a writer
 * whose date and weekday disagree has miscounted, and which of the two was meant cannot be told (ignoreWeekday: read
 * the date alone, to tell that case apart in a message).
 */
export function parseStamp(text: string, timeZone: string = UTC, options: { ignoreWeekday?: boolean } = {}): StampTime | null {
  const match = STAMP_PATTERN.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part)));
  if (year === undefined || month === undefined || day === undefined) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over to March; a rolled date is not the one that was written.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const weekday = match[7] ?? match[8];
  if (weekday !== undefined && !options.ignoreWeekday && weekdayIndex(weekday) !== check.getUTCDay()) return null;
  return { date: instantOf({ year, month, day, hour, minute, second }, timeZone), dayOnly: match[4] === undefined };
}
