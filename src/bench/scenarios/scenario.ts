// A recorded scenario: a history a person would really have (several sessions, a job or home change, a changed
// preference, a habit given up, a relative's fact beside an unrelated date, relative dates in both tenses, photos
// whose text matters), the facts its memory must end up holding, and questions whose answers depend on them.
import type { MemoryType } from '../../memory/types.ts';
import type { ResponseFormatMode } from '../../model/response-format.ts';

/**
 * One fact the memory must hold, or must no longer hold as current.
 * - current: an active memory of `types` matches (and, with `about`, one of them is about that day);
 * - ended: no active memory of `types` still states it as lasting (a profile line, an episode, or a memory with no
 *   event time) unless it is marked outdated (memory/outdated.ts), and at least one matching memory is kept as
 *   history (superseded or retired, or marked outdated). A memory of a dated event ("Sofia came on the trip in
 *   April") is a record of its time, not a claim about now.
 */
export interface FactSpec {
  id: string;
  /** What the fact is, for the report. */
  says: string;
  types: MemoryType[];
  /** Every pattern must match the memory's content (case-insensitive). */
  match: RegExp[];
  /** Patterns that rule a memory out (a current statement that mentions the old one: "left Acme for Solaris"). */
  unless?: RegExp[];
  expect: 'current' | 'ended';
  /** "YYYY-MM-DD" in the scenario's zone: a matching memory's event period must contain this day. */
  about?: string;
  /** A lasting fact: the matching memories must have no event time (never a neighbour's date). */
  undated?: boolean;
}

export interface QuestionSpec {
  id: string;
  text: string;
  /** When it is asked (ISO 8601). */
  at: string;
  /** What must reach the model in some round (the recalled memories and dialogue), all patterns. */
  reaches: RegExp[];
  /** The recorded answer must match every one. */
  answer: RegExp[];
  /** …and none of these (a stale fact stated as current). */
  notAnswer?: RegExp[];
}

export interface Scenario {
  name: string;
  /** Who the user is, in a line, for the report. */
  about: string;
  /** The JSONL history, relative to src/bench/scenarios/data/<name>/. */
  history: string;
  userId: string;
  timeZone: string;
  /** How the model's structured output is requested while recording and replaying (model.responseFormat). */
  responseFormat: ResponseFormatMode;
  /** How the stand-in was asked to play the model (written into the recording). */
  modelBrief: string;
  facts: FactSpec[];
  questions: QuestionSpec[];
}
