// PersonaMem figures: accuracy overall and per question type, with what the answers cost.
import type { ModelAccounting } from '../../model/ports.ts';
import { accuracyBy, accuracyOf, type Accuracy } from '../scoring/accuracy.ts';
import { costLines, formatAccuracy, markdownTable, modelUsage, summarizeCosts, type AnswerCostSummary } from '../qa/report-files.ts';
import type { PersonaMemResult } from './results.ts';

export interface PersonaMemReport {
  dataset: 'personamem';
  questions_file: string;
  contexts_file: string;
  model: string | null;
  contexts: number;
  questions: number;
  overall: Accuracy;
  question_types: Record<string, Accuracy>;
  /** Replies that named no option or several: counted wrong. */
  unreadable_replies: number;
  answers: AnswerCostSummary;
  model_usage_this_run: ReturnType<typeof modelUsage>;
  resumed: number;
  truncated_lines: number;
}

export interface PersonaMemSummaryContext {
  questionsFile: string;
  contextsFile: string;
  contexts: number;
  modelId: string | null;
  resumed: number;
  truncatedLines: number;
  accounting: ModelAccounting;
}

export function summarizePersonaMem(records: readonly PersonaMemResult[], context: PersonaMemSummaryContext): PersonaMemReport {
  const correct = (record: PersonaMemResult) => record.correct;
  const types = [...new Set(records.map((record) => record.questionType))].sort();
  return {
    dataset: 'personamem',
    questions_file: context.questionsFile,
    contexts_file: context.contextsFile,
    model: context.modelId,
    contexts: context.contexts,
    questions: records.length,
    overall: accuracyOf(records.map(correct)),
    question_types: accuracyBy(records, (record) => record.questionType, correct, types),
    unreadable_replies: records.filter((record) => record.extracted === null).length,
    answers: summarizeCosts(records),
    model_usage_this_run: modelUsage(context.accounting),
    resumed: context.resumed,
    truncated_lines: context.truncatedLines,
  };
}

export function renderPersonaMemReport(report: PersonaMemReport): string {
  return [
    '# PersonaMem',
    '',
    `Questions: ${report.questions_file} · contexts: ${report.contexts_file} (${report.contexts} used) · model: ${report.model ?? 'unknown'}`,
    '',
    markdownTable(['question type', 'accuracy'], [['overall', formatAccuracy(report.overall)], ...Object.entries(report.question_types).map(([type, accuracy]) => [type, formatAccuracy(accuracy)])]),
    '',
    `Replies that named no option or several (counted wrong): ${report.unreadable_replies}. Questions reused from an earlier run: ${report.resumed}.`,
    '',
    ...costLines(report.answers, report.model_usage_this_run),
  ].join('\n');
}
