// The k best indices of a score array, best first (ties: lower index first), in one pass: feedback reads only its
// top turns, so sorting every scored turn of the user for them was wasted work at scale.
export function topIndices(scores: Float64Array, k: number): number[] {
  const top: number[] = [];
  if (k <= 0) return top;
  for (let index = 0; index < scores.length; index += 1) {
    const score = scores[index]!;
    if (score <= 0) continue;
    // Indices come in ascending order, so an equal score never outranks one already kept.
    if (top.length === k && score <= scores[top[k - 1]!]!) continue;
    let at = top.length === k ? k - 1 : top.length;
    while (at > 0 && scores[top[at - 1]!]! < score) at -= 1;
    top.splice(at, 0, index);
    if (top.length > k) top.pop();
  }
  return top;
}
