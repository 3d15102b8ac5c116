// Baseline full-context: every turn in time order, one item per turn; its tokens per query are the whole
// conversation, which is what the budgets are compared against.
import { renderBaselineTurn, type BaselineSystem, type BaselineTurn } from './baseline-turn.ts';

export function createFullContext(turns: readonly BaselineTurn[]): BaselineSystem {
  const all = [...turns].sort((a, b) => a.at.getTime() - b.at.getTime()).map(renderBaselineTurn);
  return { name: 'full-context', rank: () => all };
}
