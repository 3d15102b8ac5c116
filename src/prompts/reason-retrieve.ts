// The arguments of a <retrieve> call, validated: keywords, a time range (a bad date is ignored with a
// `retrieve_date_ignored` warning, never guessed), and optional memory types.
import { z } from 'zod';
import type { Period } from '../memory/types.ts';
import type { RecallSource } from '../memory/types.ts';
import { extractJson, TolerantJsonError, type ExtractedJson } from './parse/index.ts';
import { addZonedDays, UTC } from '../memory/time-zone.ts';
import { parseStamp } from '../memory/stamp.ts';

export interface RetrieveRequest {
  keywords: string[];
  /** Null when the model gave no usable time. */
  range: Period | null;
  /** Null: every kind of memory. */
  types: RecallSource[] | null;
}

export interface ReasonWarning {
  code: string;
  message: string;
  details?: Record<string, unknown>;
  /** What the model is told in the next round about what was wrong with its output (absent: nothing it must know). */
  feedback?: string;
}

const SOURCES: readonly RecallSource[] = ['core', 'semantic', 'episodic', 'procedural', 'dialogue', 'image'];

const scalar = z.union([z.string(), z.number()]);
const stringList = z.union([z.array(scalar), scalar]);
// Lenient on purpose: small models vary the shape; what cannot be read is reported below, not rejected here.
const ArgumentsSchema = z.object({
  keywords: stringList.nullish(),
  keyword: stringList.nullish(),
  query: stringList.nullish(),
  start_time: scalar.nullish(),
  end_time: scalar.nullish(),
  types: stringList.nullish(),
});

const toList = (value: z.infer<typeof stringList> | null | undefined): string[] => {
  if (value === null || value === undefined) return [];
  const items = Array.isArray(value) ? value.map(String) : String(value).split(/[,;\n]/);
  return items.map((item) => item.trim()).filter((item) => item !== '');
};

const NULL_WORDS = new Set(['', 'null', 'none', 'n/a', 'unknown']);

function readBound(field: 'start_time' | 'end_time', value: unknown, warnings: ReasonWarning[], timeZone: string): Date | null {
  if (value === null || value === undefined || NULL_WORDS.has(String(value).trim().toLowerCase())) return null;
  const time = parseStamp(String(value), timeZone);
  if (!time) {
    const why = parseStamp(String(value), timeZone, { ignoreWeekday: true }) ? "names a weekday that is not that date's" : 'is not a YYYY-MM-DD HH:MM time';
    warnings.push({
      code: 'retrieve_date_ignored',
      message: `The model asked to retrieve with ${field} "${String(value)}", which ${why}; searched without it.`,
      details: { field, value },
      feedback: `Your "${field}" "${String(value)}" ${why}, so the search ran without it.`,
    });
    return null;
  }
  if (field === 'start_time') return time.date;
  // An end the model writes covers the minute (or the whole day) it names; Period.to is exclusive.
  return time.dayOnly ? addZonedDays(time.date, 1, timeZone) : new Date(time.date.getTime() + 60_000);
}

function readTypes(values: string[], warnings: ReasonWarning[]): RecallSource[] | null {
  const types: RecallSource[] = [];
  for (const value of values) {
    const name = value.toLowerCase().replace(/\s*memor(y|ies)$/, '').trim();
    const source = SOURCES.find((candidate) => candidate === name);
    if (source) types.push(source);
    else
      warnings.push({
        code: 'retrieve_type_ignored',
        message: `The model asked for memory type "${value}", which does not exist; it was left out.`,
        details: { value },
        feedback: `"${value}" is not a memory type (use semantic, episodic, procedural, dialogue or image, or leave "types" out); it was ignored.`,
      });
  }
  return types.length > 0 ? [...new Set(types)] : null;
}

function fromArguments(value: unknown, warnings: ReasonWarning[], timeZone: string): RetrieveRequest {
  // A bare list is the keywords alone.
  const parsed = ArgumentsSchema.safeParse(Array.isArray(value) ? { keywords: value } : value);
  if (!parsed.success) {
    warnings.push({
      code: 'model_output_repaired',
      message: 'The <retrieve> arguments did not have the expected fields; searched with the user input only.',
      details: { issues: parsed.error.issues.map((issue) => issue.message) },
      feedback: 'Your <retrieve> did not have the fields asked for ("keywords", "start_time", "end_time"), so the search used only the user\'s message.',
    });
    return { keywords: [], range: null, types: null };
  }
  const args = parsed.data;
  const keywords = toList(args.keywords ?? args.keyword ?? args.query);
  let from = readBound('start_time', args.start_time, warnings, timeZone);
  let to = readBound('end_time', args.end_time, warnings, timeZone);
  if (from && to && from.getTime() >= to.getTime()) {
    warnings.push({
      code: 'retrieve_date_ignored',
      message: `The model asked to retrieve from ${String(args.start_time)} to ${String(args.end_time)}, which ends before it starts; searched without a time range.`,
      details: { field: 'range', start_time: args.start_time, end_time: args.end_time },
      feedback: `Your time range ${String(args.start_time)} to ${String(args.end_time)} ends before it starts, so the search ran without one.`,
    });
    from = null;
    to = null;
  }
  return { keywords, range: from || to ? { from, to } : null, types: readTypes(toList(args.types), warnings) };
}

function readJson(body: string): ExtractedJson | null {
  try {
    return extractJson(body, 'object');
  } catch (error) {
    // Only "nothing usable" falls back to plain keywords; anything else is a bug to surface.
    if (error instanceof TolerantJsonError) return null;
    throw error;
  }
}

/**
 * Reads the text between <retrieve> and </retrieve>. Never throws: what it cannot read it reports. Times are
 * wall-clock in timeZone (the zone the prompt's stamps were written in; default UTC).
 */
export function parseRetrieveArguments(body: string, timeZone: string = UTC): { request: RetrieveRequest; warnings: ReasonWarning[] } {
  const warnings: ReasonWarning[] = [];
  const json = readJson(body);
  if (json) {
    if (json.repairs.length > 0)
      warnings.push({
        code: 'model_output_repaired',
        message: `The <retrieve> JSON was repaired (${json.repairs.join(', ')}).`,
        details: { repairs: json.repairs },
      });
    return { request: fromArguments(json.value, warnings, timeZone), warnings };
  }
  // Not JSON at all: small models often write the keywords as plain text.
  const keywords = toList(body.replace(/["'`]/g, ''));
  warnings.push({
    code: 'model_output_repaired',
    message: keywords.length > 0
      ? 'The <retrieve> arguments were not JSON; their text was used as keywords.'
      : 'The <retrieve> arguments were empty; searched with the user input only.',
    details: { body: body.slice(0, 200) },
    feedback: keywords.length > 0
      ? 'Your <retrieve> was not the JSON object asked for; its words were used as keywords.'
      : "Your <retrieve> was empty, so the search used only the user's message.",
  });
  return { request: { keywords, range: null, types: null }, warnings };
}
