// The turn as baselines see it, rendered as one item each: time with weekday, speaker, text, caption. The
// same information the system's windows carry, so the comparison is about ranking and packing only.
import { formatStamp } from '../../../memory/stamp.ts';
import { countTokens } from '../../../retrieval/token-count.ts';
import type { ScoredItem } from '../coverage.ts';

export interface BaselineTurn {
  id: string;
  speaker: string;
  text: string;
  caption: string | null;
  at: Date;
}

export interface BaselineSystem {
  name: string;
  /** Items in rank order; enough of them to fill `budget` when the system has that many. */
  rank(question: string, budget: number): ScoredItem[];
}

export function renderBaselineTurn(turn: BaselineTurn): ScoredItem {
  const text = `[${formatStamp(turn.at)}] ${turn.speaker}: ${turn.text}${turn.caption ? ` [photo: ${turn.caption}]` : ''}`;
  return { text, tokens: countTokens(text) };
}

/** Rendered items in the given order until their tokens pass the budget (the first that does not fit ends it). */
export function takeUntilBudget(items: Iterable<ScoredItem>, budget: number): ScoredItem[] {
  const out: ScoredItem[] = [];
  let total = 0;
  for (const item of items) {
    out.push(item);
    total += item.tokens;
    if (total > budget) break;
  }
  return out;
}
