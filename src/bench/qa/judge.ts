// Runs the pinned LLM judge on one answer. A reply the parser cannot read is a graded outcome (no verdict,
// counted wrong and reported), not a crash: one odd reply must not stop a long run. A failed model call does
// stop it (the run resumes later).
import { ModelOutputError } from '../../errors/index.ts';
import type { ChatClient } from '../../model/ports.ts';
import { buildJudgeAbstentionMessages } from '../../prompts/judge-abstention.ts';
import { buildJudgeAnswerMessages, parseJudgeAnswer, type JudgeLabel } from '../../prompts/judge-answer.ts';

export const JUDGE_PURPOSE = 'bench.judge';

export interface JudgeOutcome {
  label: JudgeLabel | null;
  /** The judge's reasoning, or why its reply could not be read. */
  reason: string;
}

export type JudgeRequest = { kind: 'answer'; question: string; gold: string; answer: string } | { kind: 'abstention'; question: string; trap: string; answer: string };

export async function judge(client: ChatClient, request: JudgeRequest): Promise<JudgeOutcome> {
  const messages = request.kind === 'answer' ? buildJudgeAnswerMessages(request) : buildJudgeAbstentionMessages(request);
  const result = await client.generate({ purpose: JUDGE_PURPOSE, messages, maxOutputTokens: 256 });
  try {
    const verdict = parseJudgeAnswer(result.text);
    return { label: verdict.label, reason: verdict.reasoning };
  } catch (error) {
    if (!(error instanceof ModelOutputError)) throw error;
    return { label: null, reason: error.message };
  }
}
