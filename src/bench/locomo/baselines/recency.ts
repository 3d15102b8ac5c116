// Baseline recency: the newest turns first, one item per turn.
import { renderBaselineTurn, takeUntilBudget, type BaselineSystem, type BaselineTurn } from './baseline-turn.ts';

export function createRecency(turns: readonly BaselineTurn[]): BaselineSystem {
  const newestFirst = [...turns].sort((a, b) => b.at.getTime() - a.at.getTime()).map(renderBaselineTurn);
  return { name: 'recency', rank: (_question, budget) => takeUntilBudget(newestFirst, budget) };
}
