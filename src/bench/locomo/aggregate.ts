// Means of per-question coverage, overall and per LoCoMo category, in the report.json shape.
import type { CoverageAtBudget } from './coverage.ts';

export const BENCH_CATEGORIES = ['1', '2', '3', '4', '5'] as const;

export type ByBudget = Record<string, number>;

export interface RecallFigures {
  strict: ByBudget;
  any: ByBudget;
  fraction: ByBudget;
}

export interface QuestionOutcome {
  category: number;
  /** Keyed by budget. */
  coverage: Record<string, CoverageAtBudget>;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function figuresFor(outcomes: readonly QuestionOutcome[], budgets: readonly number[]): RecallFigures {
  const figures: RecallFigures = { strict: {}, any: {}, fraction: {} };
  for (const budget of budgets) {
    const key = String(budget);
    const at = outcomes.map((outcome) => outcome.coverage[key]!);
    figures.strict[key] = mean(at.map((coverage) => (coverage.strict ? 1 : 0)));
    figures.any[key] = mean(at.map((coverage) => (coverage.any ? 1 : 0)));
    figures.fraction[key] = mean(at.map((coverage) => coverage.fraction));
  }
  return figures;
}

export function figuresByCategory(outcomes: readonly QuestionOutcome[], budgets: readonly number[]): Record<string, RecallFigures> {
  return Object.fromEntries(
    BENCH_CATEGORIES.map((category) => [category, figuresFor(outcomes.filter((outcome) => String(outcome.category) === category), budgets)]),
  );
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}
