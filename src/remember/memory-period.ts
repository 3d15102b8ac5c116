// The one date model of every derived memory: validFrom is when it was said (its source turns' time); eventTime is
// the period the memory is ABOUT, taken from the memory itself — the period the model gave for it ("when"), else
// the dates its own content names — and never from other phrases of the turn. "My brother is visiting this
// Saturday and he's allergic to shellfish" gives a visit dated Saturday and an allergy with no event time.
import { resolveDates } from '../enrichment/resolve-dates.ts';
import type { Period } from '../memory/types.ts';
import { parseStamp } from '../memory/stamp.ts';
import { addZonedDays } from '../memory/time-zone.ts';

/** "2026-10-03", "2026-10-03 18:00", "2026-10-01 to 2026-10-05" or "2026-10-01/2026-10-05": the model's "when". */
function parseWhen(when: string, timeZone: string): Period | null {
  const parts = when.split(/\s+(?:to|until|-|–)\s+|\//).map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0 || parts.length > 2) return null;
  const start = parseStamp(parts[0]!, timeZone);
  const end = parts[1] === undefined ? start : parseStamp(parts[1], timeZone);
  if (!start || !end) return null;
  // A day covers the whole day; a minute covers the minute. The end is exclusive, as every Period's.
  const to = end.dayOnly ? addZonedDays(end.date, 1, timeZone) : new Date(end.date.getTime() + 60_000);
  return to.getTime() > start.date.getTime() ? { from: start.date, to } : null;
}

/** The span of the dates a text names, read against the time it was said; null when it names none. */
function periodNamedIn(text: string, saidAt: Date, timeZone: string): Period | null {
  const dates = resolveDates(text, saidAt, { timeZone });
  if (dates.length === 0) return null;
  return {
    from: new Date(Math.min(...dates.map((date) => date.from.getTime()))),
    to: new Date(Math.max(...dates.map((date) => date.to.getTime()))),
  };
}

export interface MemoryPeriod {
  eventTime: Period | null;
  /** The model's "when", when it named no date (the content's dates were used instead): the caller reports it. */
  unreadWhen: string | null;
}

/**
 * The event period of a memory: the model's "when" when it parses (free words such as "next Saturday" are read
 * against the time the memory was said), else the dates in the memory's own content, else null (a lasting fact).
 */
export function memoryEventTime(memory: { content: string; when?: string | null }, saidAt: Date, timeZone: string): MemoryPeriod {
  const when = memory.when?.trim();
  if (when) {
    const period = parseWhen(when, timeZone) ?? periodNamedIn(when, saidAt, timeZone);
    if (period) return { eventTime: period, unreadWhen: null };
  }
  return { eventTime: periodNamedIn(memory.content, saidAt, timeZone), unreadWhen: when || null };
}
