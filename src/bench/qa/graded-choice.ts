// The fields of a graded multiple-choice (or yes/no) item that Persona-MME and PersonaMem share in results.jsonl.
import type { AnswerCost } from './measure-answer.ts';

export interface GradedChoice extends AnswerCost {
  id: string;
  userId: string;
  /** The right option letter, or "yes"/"no" for alignment. */
  expected: string;
  /** What the reply was read as; null when it picked none or several. */
  extracted: string | null;
  /** How it was read, or why it could not be. */
  reason: string;
  correct: boolean;
  response: string;
  [field: string]: unknown;
}

/** The grading fields of an item from the expected answer and what the reply was read as. */
export function gradeChoice(expected: string, extracted: string | null, reason: string): Pick<GradedChoice, 'expected' | 'extracted' | 'reason' | 'correct'> {
  return { expected, extracted, reason, correct: extracted === expected };
}
