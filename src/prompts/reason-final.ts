// The reasoning prompt, last round: the round limit is reached, so the model must answer (the official code
// returned an empty answer here).
import { parseReasonOutput } from './reason-output.ts';

export const REASON_FINAL_PROMPT = { id: 'reason.final', version: 1 } as const;

const FINAL =
  'This is the last round: you cannot retrieve any more. Write <think>…</think> and then <answer>…</answer> with your best reply from what you have. If what you have does not say what the user asked, tell them honestly instead of guessing.';

/** Appended to the last user message of the final round (and of the one-shot call). */
export function buildReasonFinalInstruction(): string {
  return FINAL;
}

/** The final round is parsed with mustAnswer: a retrieve there becomes an answer, with a warning. */
export const parseReasonFinal = (text: string) => parseReasonOutput(text, { mustAnswer: true });
