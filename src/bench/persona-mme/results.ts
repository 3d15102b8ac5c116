// One graded Persona-MME item, as a line of results.jsonl.
import type { AnswerCost } from '../qa/measure-answer.ts';

export interface PersonaMmeResult extends AnswerCost {
  /** The question id, or "<question id>:chosen" / ":rejected" for an alignment item. */
  id: string;
  kind: 'choice' | 'alignment';
  userId: string;
  dataPath: string;
  aspect: string;
  task: string;
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
