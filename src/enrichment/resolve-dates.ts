// Resolves date phrases in a text to absolute ranges against the time the text was said.
// chrono-node finds the phrases and an anchor date; it returns a single instant even for a period ("last
// year" becomes the same day one year back), so the period each phrase names is ours: the components chrono
// is certain of give the granularity (year, month, day), and the words give weeks, weekends and fuzziness.
// Two things chrono does not parse at all are added here: a bare year ("in 2022") and seasons ("last summer").
// Periods are calendar periods in the deployment's time zone (memory.timeZone, default UTC). A phrase with no year
// and no this/next/last ("Monday", "in March") points the way its clause's tense does (tense.ts): chrono alone
// takes the nearest occurrence, so "Since Monday I work at …" said on a Friday was the Monday after.
import type * as Chrono from 'chrono-node';
import { lazyModule } from '../runtime/lazy-module.ts';
import type { Period } from '../memory/types.ts';
import { addZonedDays, instantOf, UTC, wallClock, zoneOffsetMs } from '../memory/time-zone.ts';
import { dayRange, monthRange, weekendRange, weekRange, widen, yearRange } from './date-ranges.ts';
import { tenseAround, type Tense } from './tense.ts';

/** Loaded on the first text with a date word (most recalls have none). */
const chrono = lazyModule<typeof Chrono>('chrono-node');

const SEASON_MONTHS: Record<string, number> = { spring: 2, summer: 5, fall: 8, autumn: 8, winter: 11 };
const FUZZY = /\b(few|couple|several|some)\b/i;

function periodOf(result: Chrono.ParsedResult, zone: string): Period<Date> {
  const start = result.start;
  const date = start.date();
  const wall = wallClock(date, zone);
  const text = result.text.toLowerCase();
  if (/\bweekend\b/.test(text)) return weekendRange(date, zone);
  let range: Period<Date>;
  if (/\bweeks?\b/.test(text) && !start.isCertain('weekday')) range = weekRange(date, zone);
  else if (start.isCertain('day') || start.isCertain('weekday')) range = dayRange(date, zone);
  else if (start.isCertain('month')) range = monthRange(wall.year, wall.month - 1, zone);
  else if (start.isCertain('year')) range = yearRange(wall.year, zone);
  else range = dayRange(date, zone);
  if (result.end) range = { from: range.from, to: dayRange(result.end.date(), zone).to };
  return FUZZY.test(text) ? widen(range, 3, zone) : range;
}

/**
 * Every phrase chrono's English parsers read holds a digit or one of these word starts (its casual words, time
 * units, weekday and month names, and a this/last/next before a one-letter unit). Text with none of them is not
 * handed to chrono: its first parse of a new shape of text costs up to ~100 ms of regex compilation (a cold CLI
 * recall paid it), and most turns hold no date. A test checks the rule against chrono on the LoCoMo dev texts.
 */
export const MAY_HOLD_DATE =
  /\d|\b(?:now|today|tonight|tomorrow|overmorrow|tmrw?|yesterday|morning|afternoon|evening|night|noon|midday|midnight|ago|later|earlier|sec|min|hour|hr|day|week|fortnight|month|quarter|qtr|year|yr|decade|sun|mon|tue|wed|thu|fri|sat|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b(?:this|last|past|next|after)\s*(?:s|m|h|d|w|y|mo|mos|hrs|mins)\b|[+-]\s*(?:s|m|h|d|w|y|mo)\b/i;

const MODIFIER = /\b(this|next|last|past|coming|previous|following|ago|from now)\b/i;

function shiftYears(date: Date, years: number, zone: string): Date {
  const wall = wallClock(date, zone);
  return instantOf({ ...wall, year: wall.year + years }, zone);
}

/**
 * Moves a period chrono placed at the nearest occurrence to the one the tense points at: a weekday by a week, a
 * date or month without a year by a year. Periods already on the right side of the moment of speaking stay.
 */
function aimed(range: Period<Date>, result: Chrono.ParsedResult, at: Date, tense: Tense, zone: string): Period<Date> {
  const weekdayOnly = result.start.isCertain('weekday') && !result.start.isCertain('day');
  const shift = (date: Date, sign: 1 | -1): Date => (weekdayOnly ? addZonedDays(date, 7 * sign, zone) : shiftYears(date, sign, zone));
  const today = dayRange(at, zone);
  if (tense === 'past' && range.from.getTime() >= today.to.getTime()) return { from: shift(range.from, -1), to: shift(range.to, -1) };
  if (tense === 'future' && range.to.getTime() <= today.from.getTime()) return { from: shift(range.from, 1), to: shift(range.to, 1) };
  return range;
}

function seasonRange(which: string, season: string, at: Date, zone: string): Period<Date> {
  const startMonth = SEASON_MONTHS[season] ?? 5;
  let year = wallClock(at, zone).year;
  const seasonOf = (of: number): Period<Date> => ({
    from: instantOf({ year: of, month: startMonth + 1, day: 1 }, zone),
    to: instantOf({ year: of, month: startMonth + 4, day: 1 }, zone),
  });
  const thisYear = seasonOf(year);
  if (which === 'last' && at.getTime() < thisYear.to.getTime()) year -= 1;
  if (which === 'next' && at.getTime() >= thisYear.from.getTime()) year += 1;
  return seasonOf(year);
}

const MONTH_WORD = /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)$/i;
const MONTH_CUE = /\b(in|of|since|during|until|till|by|last|next|this|early|late|mid|from|through|before|after)\s+$/i;

/** A month name alone is a date only after a cue ("in March"); otherwise it is likely the verb ("March on!"). */
function isBareMonthWord(text: string, result: Chrono.ParsedResult): boolean {
  return MONTH_WORD.test(result.text.trim()) && !MONTH_CUE.test(text.slice(0, result.index));
}

/**
 * chrono reads "the" as "one" after in/within: "she sleeps in the day", "busy in the week", "in the month of May"
 * became tomorrow, next week and next month (a stand-in model's lasting fact about a dog was dated by it). In
 * English "in the <unit>" is a part of time, never one unit from now ("in a day" still is).
 */
function isTheUnit(result: Chrono.ParsedResult): boolean {
  return /^(?:in|within)\s+the\s+[a-z]+$/i.test(result.text.trim());
}

function overlapsAny(index: number, length: number, taken: [number, number][]): boolean {
  return taken.some(([start, end]) => index < end && index + length > start);
}

export interface ResolveDatesOptions {
  /** IANA zone whose calendar days, weeks and months the phrases name; default "UTC". */
  timeZone?: string;
}

export function resolveDates(text: string, at: Date, options: ResolveDatesOptions = {}): Required<Period<Date>>[] {
  const zone = options.timeZone ?? UTC;
  const found: { index: number; date: Required<Period<Date>> }[] = [];
  const taken: [number, number][] = [];
  // chrono takes the zone as a fixed offset in minutes: the one in force when the text was said.
  const reference = { instant: at, timezone: Math.round(zoneOffsetMs(at, zone) / 60_000) };
  for (const result of MAY_HOLD_DATE.test(text) ? chrono().parse(text, reference, { forwardDate: false }) : []) {
    if (isBareMonthWord(text, result) || isTheUnit(result)) continue;
    let range = periodOf(result, zone);
    if (!result.start.isCertain('year') && !MODIFIER.test(result.text)) {
      const tense = tenseAround(text, result.index, result.text.length);
      if (tense) range = aimed(range, result, at, tense, zone);
    }
    found.push({ index: result.index, date: { phrase: result.text, ...range } });
    taken.push([result.index, result.index + result.text.length]);
  }
  for (const match of text.matchAll(/\b(this|last|next)\s+(spring|summer|fall|autumn|winter)\b/gi)) {
    if (overlapsAny(match.index, match[0].length, taken)) continue;
    const range = seasonRange(match[1]!.toLowerCase(), match[2]!.toLowerCase(), at, zone);
    found.push({ index: match.index, date: { phrase: match[0], ...range } });
    taken.push([match.index, match.index + match[0].length]);
  }
  for (const match of text.matchAll(/\b(?:in|since|of|during|from|by)\s+((?:19|20)\d{2})\b/gi)) {
    if (overlapsAny(match.index, match[0].length, taken)) continue;
    found.push({ index: match.index, date: { phrase: match[0], ...yearRange(Number(match[1]), zone) } });
  }
  return found.sort((a, b) => a.index - b.index).map((entry) => entry.date);
}
