// The human half of a retrieval report: one table per figure, systems as rows, budgets as columns.
import type { RetrievalReport } from '../locomo/run-retrieval.ts';
import { CATEGORY_NAMES } from '../qa/locomo-qa-summary.ts';


/** A figure cell: three decimals, or – where there is none. */
export const cell = (value: number | undefined): string => (value === undefined ? '–' : value.toFixed(3));

export function retrievalMarkdown(report: RetrievalReport, budgets: readonly number[]): string {
  const names = Object.keys(report.systems);
  const header = `| system | ${budgets.map((budget) => `@${budget}`).join(' | ')} |\n|---|${budgets.map(() => '---:').join('|')}|`;
  const table = (pick: (name: string) => Record<string, number> | undefined): string =>
    [header, ...names.map((name) => `| ${name} | ${budgets.map((budget) => cell(pick(name)?.[String(budget)])).join(' | ')} |`)].join('\n');
  const lines = [
    `# LoCoMo memory retrieval — ${report.dataset}`,
    '',
    `${report.questions} questions with evidence. A question is recalled@B when every evidence turn's text appears in the items packed within B cl100k_base tokens (BENCHMARKS.md § 1).`,
    '',
    '## Strict recall (all evidence turns), overall',
    '',
    table((name) => report.systems[name]?.overall.strict),
    '',
    '## Any-evidence recall, overall',
    '',
    table((name) => report.systems[name]?.overall.any),
    '',
    '## Mean covered fraction, overall',
    '',
    table((name) => report.systems[name]?.overall.fraction),
    '',
  ];
  for (const [category, label] of Object.entries(CATEGORY_NAMES)) {
    lines.push(`## Strict recall, category ${category} (${label})`, '', table((name) => report.systems[name]?.categories[category]?.strict), '');
  }
  lines.push(
    '## Cost',
    '',
    '| system | tokens per query | latency p50 (ms) | latency p95 (ms) |',
    '|---|---:|---:|---:|',
    ...names.map((name) => {
      const figures = report.systems[name]!;
      return `| ${name} | ${figures.tokens_per_query} | ${figures.latency_ms.p50} | ${figures.latency_ms.p95} |`;
    }),
    '',
    `Tokens per query: the items packed at the largest budget (@${budgets[budgets.length - 1]}); for full-context, every turn of the conversation. Latency: one recall call, every budget.`,
    '',
  );
  return lines.join('\n');
}
