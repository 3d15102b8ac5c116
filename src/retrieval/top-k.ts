// The k best of a candidate list, best first (score down, ties: lower index first, the order a full sort gives),
// in time linear in the candidates plus k log k: a quickselect moves the k best to the front, and only they are
// sorted. Ranking reads the head of the list (feedback its best 10 turns, packing until the budget is spent),
// so sorting every scored turn of a 100k-turn user was the largest cost of a query.

/** a ranks before b. */
function before(scores: Float64Array, a: number, b: number): boolean {
  const sa = scores[a]!;
  const sb = scores[b]!;
  return sa > sb || (sa === sb && a < b);
}

export function topByScore(candidates: ArrayLike<number>, scores: Float64Array, k: number): number[] {
  if (k <= 0 || candidates.length === 0) return [];
  const items = candidates instanceof Int32Array ? candidates.slice() : Int32Array.from(candidates);
  const compare = (a: number, b: number): number => (before(scores, a, b) ? -1 : before(scores, b, a) ? 1 : 0);
  if (items.length > k) select(items, k, scores);
  return Array.from(items.subarray(0, Math.min(k, items.length))).sort(compare);
}

/** Rearranges items so that its first k are the k best (in no order): Hoare partitioning, median-of-three pivots. */
function select(items: Int32Array, k: number, scores: Float64Array): void {
  let lo = 0;
  let hi = items.length - 1;
  const swap = (i: number, j: number): void => {
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  };
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    if (before(scores, items[mid]!, items[lo]!)) swap(mid, lo);
    if (before(scores, items[hi]!, items[lo]!)) swap(hi, lo);
    if (before(scores, items[hi]!, items[mid]!)) swap(hi, mid);
    const pivot = items[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (before(scores, items[i]!, pivot)) i += 1;
      while (before(scores, pivot, items[j]!)) j -= 1;
      if (i <= j) {
        swap(i, j);
        i += 1;
        j -= 1;
      }
    }
    // [lo, j] rank no worse than the pivot, [i, hi] no better; the k-th place lies in one of them.
    if (k - 1 <= j) hi = j;
    else if (k - 1 >= i) lo = i;
    else return;
  }
}

/** The k best turns of a score array with a positive score, as topByScore orders them. */
export function topIndices(scores: Float64Array, k: number, candidates?: ArrayLike<number>): number[] {
  const positive: number[] = [];
  const from = candidates ?? { length: scores.length };
  for (let position = 0; position < from.length; position += 1) {
    const index = candidates ? candidates[position]! : position;
    if (scores[index]! > 0) positive.push(index);
  }
  return topByScore(positive, scores, k);
}
