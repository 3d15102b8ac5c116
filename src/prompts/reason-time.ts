// How the reasoning prompts write and read times. One convention for both directions, so a time the model
// copies from a retrieved memory into <retrieve> means the same instant. Times are UTC wall-clock: stored turn
// times are instants, and imported histories (LoCoMo, Persona-MME) give naive local times stored as UTC.

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const pad = (value: number): string => String(value).padStart(2, '0');

/** "2026-05-03 14:00" */
export function formatPromptTime(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/** "Sunday" */
export function weekdayOf(date: Date): string {
  return WEEKDAYS[date.getUTCDay()] ?? '';
}

/** "2026-05-03 14:00, Sunday": the stamp every dated line of the prompts carries. */
export function formatStamp(date: Date | null): string {
  return date ? `${formatPromptTime(date)}, ${weekdayOf(date)}` : 'time unknown';
}

export interface PromptTime {
  date: Date;
  /** True when only a day was given ("2026-05-03"): a range bound then covers the whole day. */
  dayOnly: boolean;
}

const TIME_PATTERN = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Reads "YYYY-MM-DD HH:MM" (also "T", seconds, or a bare day). Null for anything that is not a real date. */
export function parsePromptTime(text: string): PromptTime | null {
  const match = TIME_PATTERN.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  if (year === undefined || month === undefined || day === undefined) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2026-02-30 over to March; a rolled date is not the one the model wrote.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { date, dayOnly: match[4] === undefined };
}
