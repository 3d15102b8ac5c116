// LoCoMo QA figures per category and overall: mean token F1, judge accuracy, abstention on category 5, and
// what each answer cost.
import type { ModelAccounting } from '../../model/ports.ts';
import { accuracyOf, type Accuracy } from '../scoring/accuracy.ts';
import { costLines, formatAccuracy, markdownTable, modelUsage, summarizeCosts, type AnswerCostSummary } from './report-files.ts';
import type { LocomoQaResult } from './locomo-qa-results.ts';

export const CATEGORY_NAMES: Readonly<Record<string, string>> = { '1': 'multi-hop', '2': 'temporal', '3': 'open-domain', '4': 'single-hop', '5': 'adversarial' };

export interface CategoryFigures {
  questions: number;
  /** Mean token F1; null for category 5. */
  f1: number | null;
  judge: Accuracy;
  /** Category 5 only: replies that declined. */
  abstention: Accuracy | null;
}

export interface LocomoQaReport {
  dataset: string;
  mode: 'qa';
  model: string | null;
  judge_model: string;
  conversations: number;
  questions: number;
  /** Categories 1–4, as mem0 and others report. */
  overall: CategoryFigures;
  /** Every category, category 5 graded by abstention. */
  all_categories: { questions: number; judge: Accuracy };
  categories: Record<string, CategoryFigures>;
  /** Judge replies with no readable label (counted WRONG). */
  judge_unreadable: number;
  /** Prompt + completion tokens the system spent per answer, mean. */
  tokens_per_answer: number;
  latency_ms: { p50: number; p95: number };
  answers: AnswerCostSummary;
  model_usage_this_run: ReturnType<typeof modelUsage>;
  resumed: number;
  truncated_lines: number;
}

export interface LocomoQaSummaryContext {
  dataset: string;
  conversations: number;
  modelId: string | null;
  judgeModelId: string;
  resumed: number;
  truncatedLines: number;
  accounting: ModelAccounting;
}

const mean = (values: readonly number[]): number => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);

function figures(records: readonly LocomoQaResult[]): CategoryFigures {
  const f1s = records.flatMap((record) => (record.f1 === null ? [] : [record.f1]));
  const adversarial = records.filter((record) => record.abstained !== null);
  return {
    questions: records.length,
    f1: f1s.length > 0 ? mean(f1s) : null,
    judge: accuracyOf(records.map((record) => record.judge === 'CORRECT')),
    abstention: adversarial.length > 0 ? accuracyOf(adversarial.map((record) => record.abstained === true)) : null,
  };
}

export function summarizeLocomoQa(records: readonly LocomoQaResult[], context: LocomoQaSummaryContext): LocomoQaReport {
  const categories = [...new Set(records.map((record) => String(record.category)))].sort();
  const answers = summarizeCosts(records);
  return {
    dataset: context.dataset,
    mode: 'qa',
    model: context.modelId,
    judge_model: context.judgeModelId,
    conversations: context.conversations,
    questions: records.length,
    overall: figures(records.filter((record) => record.category !== 5)),
    all_categories: { questions: records.length, judge: accuracyOf(records.map((record) => record.judge === 'CORRECT')) },
    categories: Object.fromEntries(categories.map((category) => [category, figures(records.filter((record) => String(record.category) === category))])),
    judge_unreadable: records.filter((record) => record.judge === null).length,
    tokens_per_answer: mean(records.map((record) => record.inputTokens + record.outputTokens)),
    latency_ms: { p50: answers.latency_ms.p50, p95: answers.latency_ms.p95 },
    answers,
    model_usage_this_run: modelUsage(context.accounting),
    resumed: context.resumed,
    truncated_lines: context.truncatedLines,
  };
}

const f1Text = (value: number | null): string => (value === null ? '–' : value.toFixed(3));

export function renderLocomoQaReport(report: LocomoQaReport): string {
  const row = (name: string, figures: CategoryFigures) => [name, figures.questions, f1Text(figures.f1), formatAccuracy(figures.judge), formatAccuracy(figures.abstention ?? undefined)];
  return [
    '# LoCoMo QA',
    '',
    `Data: ${report.dataset} · conversations: ${report.conversations} · model: ${report.model ?? 'unknown'} · judge: ${report.judge_model}`,
    '',
    markdownTable(
      ['category', 'questions', 'token F1', 'judge (CORRECT)', 'abstained'],
      [
        row('overall (1–4)', report.overall),
        ...Object.entries(report.categories).map(([category, figures]) => row(`${category} ${CATEGORY_NAMES[category] ?? ''}`.trim(), figures)),
        ['all (1–5)', report.all_categories.questions, '–', formatAccuracy(report.all_categories.judge), '–'],
      ],
    ),
    '',
    'Category 5 (adversarial) has no gold answer: `adversarial_answer` is the tempting wrong one. It is graded by abstention (the reply declines) and by the judge with the abstention prompt; it has no F1.',
    '',
    `Judge replies without a readable label (counted WRONG): ${report.judge_unreadable}. Answers reused from an earlier run: ${report.resumed}.`,
    `Tokens per answer (prompt + completion): ${report.tokens_per_answer.toFixed(0)}. Latency per answer: p50 ${report.latency_ms.p50.toFixed(0)} ms, p95 ${report.latency_ms.p95.toFixed(0)} ms.`,
    '',
    ...costLines(report.answers, report.model_usage_this_run),
  ].join('\n');
}
