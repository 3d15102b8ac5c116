// Asks one question and measures what the answer cost: wall time, model calls and tokens (a delta of the
// shared ModelAccounting, so questions must be asked one at a time), and the answer's own length in tokens.
import { encode } from 'gpt-tokenizer/encoding/cl100k_base';
import type { ModelAccounting } from '../../model/ports.ts';
import type { BenchQuestion, BenchSubject } from './subject.ts';

export interface AnswerCost {
  latencyMs: number;
  modelCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** cl100k_base tokens of the answer text. */
  answerTokens: number;
}

export interface MeasuredAnswer extends AnswerCost {
  text: string;
}

export async function askAndMeasure(subject: BenchSubject, accounting: ModelAccounting, question: BenchQuestion): Promise<MeasuredAnswer> {
  const before = accounting.snapshot().total;
  const started = performance.now();
  const answer = await subject.ask(question);
  const latencyMs = performance.now() - started;
  const after = accounting.snapshot().total;
  return {
    text: answer.text,
    latencyMs,
    modelCalls: after.calls - before.calls,
    inputTokens: after.inputTokens - before.inputTokens,
    outputTokens: after.outputTokens - before.outputTokens,
    answerTokens: encode(answer.text).length,
  };
}
