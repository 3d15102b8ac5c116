// The judge for LoCoMo's adversarial questions (category 5): the conversation does not answer them, so the
// right reply declines; asserting an answer (above all the tempting wrong one the file names) is WRONG.
// Same output contract and parser as judge-answer. Pinned: bump the version with any change to the text.
import type { ChatMessage } from '../model/ports.ts';

export const judgeAbstentionPrompt = { id: 'judge-abstention', version: 1 } as const;

export interface JudgeAbstentionInput {
  question: string;
  /** The plausible but wrong answer the data set gives (LoCoMo `adversarial_answer`). */
  trap: string;
  answer: string;
}

const INSTRUCTIONS = `You grade answers to questions about a long conversation between two people. This question
cannot be answered from the conversation: it asks about something that was never said, or attributes to one
person what the other one said. You get the question, a tempting but wrong answer, and a generated answer.

The generated answer is CORRECT when it says the conversation does not contain this information, that it does
not know, or that the premise is mistaken. It is WRONG when it asserts an answer, and above all when it gives
the tempting wrong answer or something with the same meaning.

Write one short sentence with your reasoning, then on the last line a JSON object with the key "label" and the
value "CORRECT" or "WRONG", for example {"label": "WRONG"}. Do not write both labels anywhere else.`;

export function buildJudgeAbstentionMessages(input: JudgeAbstentionInput): ChatMessage[] {
  return [
    { role: 'system', content: INSTRUCTIONS },
    { role: 'user', content: `Question: ${input.question}\nTempting wrong answer: ${input.trap}\nGenerated answer: ${input.answer}` },
  ];
}

export { parseJudgeAnswer as parseJudgeAbstention } from './judge-answer.ts';
