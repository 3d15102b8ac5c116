// Scores a scenario run against what its memory should hold: each fact right, wrong (stored with the wrong
// status or date, or a stale version still current) or missing; each question reached (the facts it needs were
// in front of the model) and answered (the recorded answer says them, and no stale fact).
import { outdatedNotes } from '../../memory/outdated.ts';
import { addZonedDays, instantOf } from '../../memory/time-zone.ts';
import type { Memory } from '../../memory/types.ts';
import type { ScenarioRun } from './run-scenario.ts';
import type { FactSpec } from './scenario.ts';

export type Verdict = 'right' | 'wrong' | 'missing';

export interface FactResult {
  id: string;
  says: string;
  verdict: Verdict;
  /** Why, in a line: the memories that decided it. */
  why: string;
}

export interface QuestionResult {
  id: string;
  text: string;
  reached: boolean;
  answered: boolean;
  answer: string;
}

export interface ScenarioGrade {
  name: string;
  facts: FactResult[];
  questions: QuestionResult[];
}

const quote = (memory: Memory): string => `${memory.type} ${memory.status}${outdatedNotes(memory).length ? ' outdated' : ''}: "${memory.content}"`;

function matching(fact: FactSpec, memories: readonly Memory[]): Memory[] {
  return memories.filter((memory) => fact.types.includes(memory.type) && fact.match.every((pattern) => pattern.test(memory.content)) && !(fact.unless ?? []).some((pattern) => pattern.test(memory.content)));
}

function dayRange(day: string, timeZone: string): { from: Date; to: Date } {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const from = instantOf({ year, month, day: date }, timeZone);
  return { from, to: addZonedDays(from, 1, timeZone) };
}

const isAbout = (memory: Memory, day: { from: Date; to: Date }): boolean =>
  memory.eventTime?.from != null && memory.eventTime.from < day.to && (memory.eventTime.to ?? memory.eventTime.from) >= day.from;

export function gradeFact(fact: FactSpec, memories: readonly Memory[], timeZone: string): FactResult {
  const found = matching(fact, memories);
  const base = { id: fact.id, says: fact.says };
  if (fact.expect === 'ended') {
    const lasting = (memory: Memory): boolean => memory.type === 'core' || memory.type === 'episodic' || memory.type === 'procedural' || memory.eventTime === null;
    const stale = found.filter((memory) => memory.status === 'active' && outdatedNotes(memory).length === 0 && lasting(memory));
    if (stale.length > 0) return { ...base, verdict: 'wrong', why: `still current: ${stale.map(quote).join('; ')}` };
    const history = found.filter((memory) => memory.status !== 'active' || outdatedNotes(memory).length > 0);
    return history.length > 0 ? { ...base, verdict: 'right', why: history.map(quote).join('; ') } : { ...base, verdict: 'missing', why: 'never stored, so nothing records that it ended' };
  }
  const live = found.filter((memory) => memory.status === 'active');
  if (live.length === 0) return { ...base, verdict: found.length > 0 ? 'wrong' : 'missing', why: found.length > 0 ? `no current version: ${found.map(quote).join('; ')}` : 'no memory says it' };
  if (fact.undated) {
    const dated = live.filter((memory) => memory.eventTime !== null);
    if (dated.length > 0) return { ...base, verdict: 'wrong', why: `dated though lasting: ${dated.map((memory) => `"${memory.content}" about ${memory.eventTime?.from?.toISOString()}`).join('; ')}` };
  }
  if (fact.about) {
    const day = dayRange(fact.about, timeZone);
    if (!live.some((memory) => isAbout(memory, day))) {
      return { ...base, verdict: 'wrong', why: `not about ${fact.about}: ${live.map((memory) => `"${memory.content}" about ${memory.eventTime?.from?.toISOString() ?? 'no date'}`).join('; ')}` };
    }
  }
  return { ...base, verdict: 'right', why: live.map(quote).join('; ') };
}

export function gradeRun(run: ScenarioRun): ScenarioGrade {
  return {
    name: run.scenario.name,
    facts: run.scenario.facts.map((fact) => gradeFact(fact, run.memories, run.scenario.timeZone)),
    questions: run.answers.map(({ question, answer, prompts }) => ({
      id: question.id,
      text: question.text,
      reached: question.reaches.every((pattern) => prompts.some((prompt) => pattern.test(prompt))),
      answered: question.answer.every((pattern) => pattern.test(answer)) && !(question.notAnswer ?? []).some((pattern) => pattern.test(answer)),
      answer,
    })),
  };
}

export function countVerdicts(grade: ScenarioGrade): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { right: 0, wrong: 0, missing: 0 };
  for (const fact of grade.facts) counts[fact.verdict] += 1;
  return counts;
}
