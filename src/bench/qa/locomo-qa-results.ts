// One answered LoCoMo question, as a line of results.jsonl.
import type { JudgeLabel } from '../../prompts/judge-answer.ts';
import type { AnswerCost } from './measure-answer.ts';

export interface LocomoQaResult extends AnswerCost {
  /** "<sample_id>#<question index in the file>". */
  id: string;
  sampleId: string;
  userId: string;
  category: number;
  question: string;
  /** The gold answer; for category 5 the file's adversarial (wrong) answer. */
  gold: string;
  response: string;
  /** Token F1 against the gold answer; null for category 5, which has no right answer to overlap with. */
  f1: number | null;
  /** Category 5: the reply declined (LoCoMo's own check, widened); null for other categories. */
  abstained: boolean | null;
  judge: JudgeLabel | null;
  judgeReason: string;
  [field: string]: unknown;
}
