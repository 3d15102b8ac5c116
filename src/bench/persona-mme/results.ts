// One graded Persona-MME item, as a line of results.jsonl.
import type { GradedChoice } from '../qa/graded-choice.ts';

export interface PersonaMmeResult extends GradedChoice {
  /** The question id, or "<question id>:chosen" / ":rejected" for an alignment item. */
  id: string;
  kind: 'choice' | 'alignment';
  dataPath: string;
  aspect: string;
  task: string;
}
