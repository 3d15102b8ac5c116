// Resolves date phrases in a text to absolute ranges against the time the text was said.
// chrono-node finds the phrases and an anchor date; it returns a single instant even for a period ("last
// year" becomes the same day one year back), so the period each phrase names is ours: the components chrono
// is certain of give the granularity (year, month, day), and the words give weeks, weekends and fuzziness.
// Two things chrono does not parse at all are added here: a bare year ("in 2022") and seasons ("last summer").
import * as chrono from 'chrono-node';
import type { ResolvedDate } from '../memory/types.ts';
import { dayRange, monthRange, weekendRange, weekRange, widen, yearRange, type DateRange } from './date-ranges.ts';

const SEASON_MONTHS: Record<string, number> = { spring: 2, summer: 5, fall: 8, autumn: 8, winter: 11 };
const FUZZY = /\b(few|couple|several|some)\b/i;

function periodOf(result: chrono.ParsedResult): DateRange {
  const start = result.start;
  const date = start.date();
  const text = result.text.toLowerCase();
  if (/\bweekend\b/.test(text)) return weekendRange(date);
  let range: DateRange;
  if (/\bweeks?\b/.test(text) && !start.isCertain('weekday')) range = weekRange(date);
  else if (start.isCertain('day') || start.isCertain('weekday')) range = dayRange(date);
  else if (start.isCertain('month')) range = monthRange(date.getUTCFullYear(), date.getUTCMonth());
  else if (start.isCertain('year')) range = yearRange(date.getUTCFullYear());
  else range = dayRange(date);
  if (result.end) range = { from: range.from, to: dayRange(result.end.date()).to };
  return FUZZY.test(text) ? widen(range, 3) : range;
}

function seasonRange(which: string, season: string, at: Date): DateRange {
  const startMonth = SEASON_MONTHS[season] ?? 5;
  let year = at.getUTCFullYear();
  const seasonStart = Date.UTC(year, startMonth, 1);
  const seasonEnd = Date.UTC(year, startMonth + 3, 1);
  if (which === 'last' && at.getTime() < seasonEnd) year -= 1;
  if (which === 'next' && at.getTime() >= seasonStart) year += 1;
  return { from: new Date(Date.UTC(year, startMonth, 1)), to: new Date(Date.UTC(year, startMonth + 3, 1)) };
}

const MONTH_WORD = /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)$/i;
const MONTH_CUE = /\b(in|of|since|during|until|till|by|last|next|this|early|late|mid|from|through|before|after)\s+$/i;

/** A month name alone is a date only after a cue ("in March"); otherwise it is likely the verb ("March on!"). */
function isBareMonthWord(text: string, result: chrono.ParsedResult): boolean {
  return MONTH_WORD.test(result.text.trim()) && !MONTH_CUE.test(text.slice(0, result.index));
}

function overlapsAny(index: number, length: number, taken: [number, number][]): boolean {
  return taken.some(([start, end]) => index < end && index + length > start);
}

export function resolveDates(text: string, at: Date): ResolvedDate[] {
  const found: { index: number; date: ResolvedDate }[] = [];
  const taken: [number, number][] = [];
  for (const result of chrono.parse(text, { instant: at, timezone: 0 }, { forwardDate: false })) {
    if (isBareMonthWord(text, result)) continue;
    const range = periodOf(result);
    found.push({ index: result.index, date: { phrase: result.text, ...range } });
    taken.push([result.index, result.index + result.text.length]);
  }
  for (const match of text.matchAll(/\b(this|last|next)\s+(spring|summer|fall|autumn|winter)\b/gi)) {
    if (overlapsAny(match.index, match[0].length, taken)) continue;
    const range = seasonRange(match[1]!.toLowerCase(), match[2]!.toLowerCase(), at);
    found.push({ index: match.index, date: { phrase: match[0], ...range } });
    taken.push([match.index, match.index + match[0].length]);
  }
  for (const match of text.matchAll(/\b(?:in|since|of|during|from|by)\s+((?:19|20)\d{2})\b/gi)) {
    if (overlapsAny(match.index, match[0].length, taken)) continue;
    found.push({ index: match.index, date: { phrase: match[0], ...yearRange(Number(match[1])) } });
  }
  return found.sort((a, b) => a.index - b.index).map((entry) => entry.date);
}
