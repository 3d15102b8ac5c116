// The coverage metric of BENCHMARKS.md § 1: an evidence turn is covered when its text, whitespace-normalized
// and case-insensitive, appears inside the text of a packed item.
export interface ScoredItem {
  text: string;
  tokens: number;
}

export interface CoverageAtBudget {
  strict: boolean;
  any: boolean;
  fraction: number;
  tokens: number;
}

export function normalizeForCoverage(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Items in rank order, each kept when it still fits: an item too big is passed over, smaller later ones still go in. */
export function packToBudget<T extends ScoredItem>(items: readonly T[], budget: number): T[] {
  const packed: T[] = [];
  let total = 0;
  for (const item of items) {
    if (total + item.tokens > budget) continue;
    packed.push(item);
    total += item.tokens;
  }
  return packed;
}

export function coverageAt(evidenceTexts: readonly string[], ranked: readonly ScoredItem[], budget: number): CoverageAtBudget {
  const packed = packToBudget(ranked, budget);
  const haystacks = packed.map((item) => normalizeForCoverage(item.text));
  const covered = evidenceTexts.filter((text) => {
    const needle = normalizeForCoverage(text);
    return haystacks.some((haystack) => haystack.includes(needle));
  }).length;
  return {
    strict: covered === evidenceTexts.length,
    any: covered > 0,
    fraction: evidenceTexts.length === 0 ? 0 : covered / evidenceTexts.length,
    tokens: packed.reduce((sum, item) => sum + item.tokens, 0),
  };
}
