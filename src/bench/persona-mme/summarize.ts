// Persona-MME figures from graded items: accuracy per aspect and task (multiple choice), alignment accuracy
// (the 7th aspect), and the official harness's "overall" that counts both kinds together.
import type { ModelAccounting } from '../../model/ports.ts';
import { accuracyBy, accuracyOf, type Accuracy } from '../scoring/accuracy.ts';
import { costLines, formatAccuracy, markdownTable, modelUsage, summarizeCosts, type AnswerCostSummary } from '../qa/report-files.ts';
import type { PersonaMmeResult } from './results.ts';
import { ALIGNMENT_ASPECT, ASPECTS, TASKS } from './tasks.ts';

export interface PersonaMmeReport {
  dataset: 'persona-mme';
  questions_file: string;
  model: string | null;
  users: number;
  /** Multiple-choice questions graded. */
  questions: number;
  alignment_items: number;
  /** Multiple choice only: the paper's headline figure. */
  overall: Accuracy;
  aspects: Record<string, Accuracy>;
  tasks: Record<string, Accuracy>;
  alignment: Accuracy;
  /** Choice and alignment items together, as the official eval.py prints "Overall Result". */
  overall_with_alignment: Accuracy;
  /** Replies that named no option or several: counted wrong. */
  unreadable_replies: number;
  answers: AnswerCostSummary;
  model_usage_this_run: ReturnType<typeof modelUsage>;
  /** Items graded by an earlier run and reused. */
  resumed: number;
  truncated_lines: number;
}

export interface SummaryContext {
  questionsFile: string;
  users: number;
  modelId: string | null;
  resumed: number;
  truncatedLines: number;
  accounting: ModelAccounting;
}

export function summarizePersonaMme(records: readonly PersonaMmeResult[], context: SummaryContext): PersonaMmeReport {
  const choices = records.filter((record) => record.kind === 'choice');
  const alignment = records.filter((record) => record.kind === 'alignment');
  const correct = (record: PersonaMmeResult) => record.correct;
  return {
    dataset: 'persona-mme',
    questions_file: context.questionsFile,
    model: context.modelId,
    users: context.users,
    questions: choices.length,
    alignment_items: alignment.length,
    overall: accuracyOf(choices.map(correct)),
    aspects: { ...accuracyBy(choices, (record) => record.aspect, correct, ASPECTS), ...(alignment.length > 0 ? { [ALIGNMENT_ASPECT]: accuracyOf(alignment.map(correct)) } : {}) },
    tasks: accuracyBy(choices, (record) => record.task, correct, TASKS),
    alignment: accuracyOf(alignment.map(correct)),
    overall_with_alignment: accuracyOf(records.map(correct)),
    unreadable_replies: records.filter((record) => record.extracted === null).length,
    answers: summarizeCosts(records),
    model_usage_this_run: modelUsage(context.accounting),
    resumed: context.resumed,
    truncated_lines: context.truncatedLines,
  };
}

export function renderPersonaMmeReport(report: PersonaMmeReport): string {
  return [
    '# Persona-MME',
    '',
    `Questions: ${report.questions_file} · users: ${report.users} · model: ${report.model ?? 'unknown'}`,
    '',
    markdownTable(
      ['figure', 'accuracy'],
      [
        ['overall (multiple choice)', formatAccuracy(report.overall)],
        ['response alignment (yes/no)', formatAccuracy(report.alignment)],
        ['overall with alignment (official eval.py)', formatAccuracy(report.overall_with_alignment)],
      ],
    ),
    '',
    `Replies that named no option or several (counted wrong): ${report.unreadable_replies}. Items reused from an earlier run: ${report.resumed}.`,
    '',
    '## By aspect',
    '',
    markdownTable(['aspect', 'accuracy'], Object.entries(report.aspects).map(([aspect, accuracy]) => [aspect, formatAccuracy(accuracy)])),
    '',
    '## By task',
    '',
    markdownTable(['task', 'accuracy'], Object.entries(report.tasks).map(([task, accuracy]) => [task, formatAccuracy(accuracy)])),
    '',
    ...costLines(report.answers, report.model_usage_this_run),
  ].join('\n');
}
