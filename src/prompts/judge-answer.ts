// The LLM judge of LoCoMo QA: CORRECT or WRONG against the gold answer, with the generous grading used by mem0
// and the systems compared with it (same topic counts; a date counts in any format or as an equivalent
// relative time). Pinned: changing the text changes every judged figure, so bump the version with it.
import { ModelOutputError } from '../errors/index.ts';
import type { ChatMessage } from '../model/ports.ts';

export const judgeAnswerPrompt = { id: 'judge-answer', version: 1 } as const;

export interface JudgeAnswerInput {
  question: string;
  gold: string;
  answer: string;
}

export type JudgeLabel = 'CORRECT' | 'WRONG';

export interface JudgeVerdict {
  label: JudgeLabel;
  /** The judge's one-sentence reason, when it gave one. */
  reasoning: string;
}

const INSTRUCTIONS = `You grade answers to questions about a long conversation between two people. You get:
(1) a question that one of them could be asked about what was said in their past conversations,
(2) the gold answer (the ground truth), usually short, and
(3) a generated answer, which you label CORRECT or WRONG.

Be generous. A generated answer is CORRECT when it refers to the same thing as the gold answer, even if it
is much longer, worded differently, or adds detail. For a question about time, the gold answer names a date,
month or year; the generated answer is CORRECT when it names the same day or period, in any format ("7 May
2023", "May 7th", "the Sunday before 10 May 2023") or as a relative time that points to it. It is WRONG when
it names something else, contradicts the gold answer, or says it does not know.

Write one short sentence with your reasoning, then on the last line a JSON object with the key "label" and the
value "CORRECT" or "WRONG", for example {"label": "CORRECT"}. Do not write both labels anywhere else.`;

export function buildJudgeAnswerMessages(input: JudgeAnswerInput): ChatMessage[] {
  return [
    { role: 'system', content: INSTRUCTIONS },
    { role: 'user', content: `Question: ${input.question}\nGold answer: ${input.gold}\nGenerated answer: ${input.answer}` },
  ];
}

/** Reads the judge's reply: the JSON label when there is one, else a lone CORRECT or WRONG word. */
export function parseJudgeAnswer(text: string): JudgeVerdict {
  const stripped = text.replace(/```(?:json)?/gi, '').trim();
  const json = [...stripped.matchAll(/\{\s*"label"\s*:\s*"(CORRECT|WRONG)"\s*\}/gi)].map((match) => match[1]!.toUpperCase() as JudgeLabel);
  const reasoning = stripped.replace(/\{[^{}]*\}/g, '').trim();
  if (new Set(json).size === 1) return { label: json[0]!, reasoning };
  if (json.length > 1) throw new ModelOutputError(judgeAnswerPrompt.id, 'the reply gives both labels in JSON.', { details: { text } });
  const words = new Set([...stripped.matchAll(/\b(CORRECT|WRONG)\b/g)].map((match) => match[1] as JudgeLabel));
  if (words.size === 1) return { label: [...words][0]!, reasoning };
  throw new ModelOutputError(judgeAnswerPrompt.id, words.size === 0 ? 'no CORRECT or WRONG label found.' : 'the reply names both CORRECT and WRONG.', {
    details: { text },
  });
}
