// How the reasoning prompts write and read times. One convention for both directions, so a time the model
// copies from a retrieved memory into <retrieve> means the same instant. Times are wall-clock in the deployment's
// zone (memory.timeZone, default UTC): stored turn times are instants, and imported histories (LoCoMo,
// Persona-MME) give naive local times stored as UTC, which the default zone shows unchanged.
import { instantOf, UTC, wallClock } from '../memory/time-zone.ts';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const pad = (value: number): string => String(value).padStart(2, '0');

/** "2026-05-03 14:00" */
export function formatPromptTime(date: Date, timeZone: string = UTC): string {
  const wall = wallClock(date, timeZone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** "Sunday" */
export function weekdayOf(date: Date, timeZone: string = UTC): string {
  return WEEKDAYS[wallClock(date, timeZone).weekday] ?? '';
}

/** "2026-05-03 14:00, Sunday": the stamp every dated line of the prompts carries. */
export function formatStamp(date: Date | null, timeZone: string = UTC): string {
  return date ? `${formatPromptTime(date, timeZone)}, ${weekdayOf(date, timeZone)}` : 'time unknown';
}

export interface PromptTime {
  date: Date;
  /** True when only a day was given ("2026-05-03"): a range bound then covers the whole day. */
  dayOnly: boolean;
}

const TIME_PATTERN = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Reads "YYYY-MM-DD HH:MM" (also "T", seconds, or a bare day) as wall-clock time in the zone. Null for anything
 * that is not a real date.
 */
export function parsePromptTime(text: string, timeZone: string = UTC): PromptTime | null {
  const match = TIME_PATTERN.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  if (year === undefined || month === undefined || day === undefined) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over to March; a rolled date is not the one the model wrote.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { date: instantOf({ year, month, day, hour, minute, second }, timeZone), dayOnly: match[4] === undefined };
}
