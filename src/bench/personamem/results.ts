// One graded PersonaMem question, as a line of results.jsonl.
import type { GradedChoice } from '../qa/graded-choice.ts';

export interface PersonaMemResult extends GradedChoice {
  contextId: string;
  endIndex: number;
  questionType: string;
}
