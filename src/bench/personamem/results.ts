// One graded PersonaMem question, as a line of results.jsonl.
import type { AnswerCost } from '../qa/measure-answer.ts';

export interface PersonaMemResult extends AnswerCost {
  id: string;
  userId: string;
  contextId: string;
  endIndex: number;
  questionType: string;
  expected: string;
  extracted: string | null;
  reason: string;
  correct: boolean;
  response: string;
  [field: string]: unknown;
}
