// Wall-clock time in an IANA time zone, both ways, with Intl.DateTimeFormat only: Node ships the tz database
// with ICU, so no dependency is needed and DST rules stay as current as the runtime. "UTC" takes a fast path
// with the Date UTC getters, so the default costs nothing and gives exactly what the UTC-only code gave.

export const UTC = 'UTC';

export interface WallClock {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export type WallClockInput = Pick<WallClock, 'year' | 'month' | 'day'> & Partial<Pick<WallClock, 'hour' | 'minute' | 'second'>>;

const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  return format;
}

/** True when the runtime knows the zone ("America/Los_Angeles", "UTC"); false for anything else. */
export function isValidTimeZone(zone: string): boolean {
  // The default needs no formatter (wallClock's fast path): creating the first one loads ICU's zone data, ~40 ms of
  // every command's start.
  if (zone === UTC) return true;
  try {
    formatter(zone);
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/** The calendar date and clock time an instant shows in the zone. */
export function wallClock(instant: Date, zone: string = UTC): WallClock {
  if (zone === UTC) {
    return {
      year: instant.getUTCFullYear(),
      month: instant.getUTCMonth() + 1,
      day: instant.getUTCDate(),
      hour: instant.getUTCHours(),
      minute: instant.getUTCMinutes(),
      second: instant.getUTCSeconds(),
      weekday: instant.getUTCDay(),
    };
  }
  const parts: Record<string, string> = {};
  for (const part of formatter(zone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAY_INDEX[parts.weekday ?? ''] ?? 0,
  };
}

/** How far the zone's wall clock is ahead of UTC at the instant, in milliseconds (LA in winter: -8 h). */
export function zoneOffsetMs(instant: Date, zone: string = UTC): number {
  if (zone === UTC) return 0;
  const wall = wallClock(instant, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - (instant.getTime() - instant.getUTCMilliseconds());
}

/**
 * The instant a wall-clock time names in the zone. Out-of-range fields roll over as in Date.UTC (day 0 is the
 * previous month's last day), so callers can do calendar arithmetic on the fields. A time skipped by a DST
 * change (02:30 on a spring-forward night) maps to the instant the clock shows an hour later; a repeated one
 * (fall-back) to its first occurrence.
 */
export function instantOf(wall: WallClockInput, zone: string = UTC): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour ?? 0, wall.minute ?? 0, wall.second ?? 0);
  if (zone === UTC) return new Date(asUtc);
  // Two passes: the offset at a first guess, then the offset at the instant that guess gives.
  const first = zoneOffsetMs(new Date(asUtc), zone);
  const second = zoneOffsetMs(new Date(asUtc - first), zone);
  if (first === second) return new Date(asUtc - first);
  const candidate = new Date(asUtc - second);
  return zoneOffsetMs(candidate, zone) === second ? candidate : new Date(asUtc - first);
}

/** The same wall-clock time `days` calendar days later in the zone (a DST day is 23 or 25 hours long). */
export function addZonedDays(instant: Date, days: number, zone: string = UTC): Date {
  const wall = wallClock(instant, zone);
  return instantOf({ ...wall, day: wall.day + days }, zone);
}

