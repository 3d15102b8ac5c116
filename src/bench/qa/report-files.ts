// The two files every benchmark run leaves: report.md for people and report.json for machines.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelAccounting } from '../../model/ports.ts';
import type { Accuracy } from '../scoring/accuracy.ts';
import { distribution, type Distribution } from '../scoring/stats.ts';
import type { AnswerCost } from './measure-answer.ts';

export interface ReportPaths {
  markdown: string;
  json: string;
}

export async function writeReportFiles(outDir: string, markdown: string, json: unknown): Promise<ReportPaths> {
  await mkdir(outDir, { recursive: true });
  const paths = { markdown: join(outDir, 'report.md'), json: join(outDir, 'report.json') };
  await writeFile(paths.markdown, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
  await writeFile(paths.json, `${JSON.stringify(json, null, 2)}\n`, 'utf8');
  return paths;
}

export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly (string | number)[]>): string {
  const cell = (value: string | number): string => String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${header.map(cell).join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
}

export const formatAccuracy = (accuracy: Accuracy | undefined): string =>
  accuracy && accuracy.total > 0 ? `${accuracy.accuracy.toFixed(3)} (${accuracy.correct}/${accuracy.total})` : '–';

export interface AnswerCostSummary {
  latency_ms: Distribution;
  answer_tokens: Distribution;
  model_calls: Distribution;
  input_tokens: number;
  output_tokens: number;
}

/** What the answers cost, over every graded answer (this run's and resumed ones). */
export function summarizeCosts(costs: readonly AnswerCost[]): AnswerCostSummary {
  return {
    latency_ms: distribution(costs.map((cost) => cost.latencyMs)),
    answer_tokens: distribution(costs.map((cost) => cost.answerTokens)),
    model_calls: distribution(costs.map((cost) => cost.modelCalls)),
    input_tokens: costs.reduce((sum, cost) => sum + cost.inputTokens, 0),
    output_tokens: costs.reduce((sum, cost) => sum + cost.outputTokens, 0),
  };
}

/** Every model call of this run (update phase, answers, judge) by purpose, from the shared accounting. */
export function modelUsage(accounting: ModelAccounting) {
  const snapshot = accounting.snapshot();
  return { total: snapshot.total, by_purpose: snapshot.byPurpose };
}

export function costLines(costs: AnswerCostSummary, usage: ReturnType<typeof modelUsage>): string[] {
  const purposes = Object.entries(usage.by_purpose).map(([purpose, stats]) => [purpose, stats.calls, stats.inputTokens, stats.outputTokens, stats.failures] as const);
  return [
    '## Cost',
    '',
    markdownTable(
      ['per answer', 'mean', 'p50', 'p95', 'max'],
      [
        ['latency (ms)', ...[costs.latency_ms.mean, costs.latency_ms.p50, costs.latency_ms.p95, costs.latency_ms.max].map((value) => value.toFixed(0))],
        ['answer tokens (cl100k)', ...[costs.answer_tokens.mean, costs.answer_tokens.p50, costs.answer_tokens.p95, costs.answer_tokens.max].map((value) => value.toFixed(1))],
        ['model calls', ...[costs.model_calls.mean, costs.model_calls.p50, costs.model_calls.p95, costs.model_calls.max].map((value) => value.toFixed(2))],
      ],
    ),
    '',
    `Answering spent ${costs.input_tokens} prompt and ${costs.output_tokens} completion tokens in all.`,
    '',
    'Model calls of this run (update phase, answers, judge), by purpose:',
    '',
    markdownTable(['purpose', 'calls', 'prompt tokens', 'completion tokens', 'failures'], [...purposes, ['total', usage.total.calls, usage.total.inputTokens, usage.total.outputTokens, usage.total.failures]]),
  ];
}
