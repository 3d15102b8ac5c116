// The two vector operations the image code shares: vectors are stored at unit length so that cosine
// similarity is a plain dot product.

/** Dot product; vectors of different lengths come from different models or analyzers and are refused. */
export function dot(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`vector lengths differ: ${a.length} vs ${b.length}`);
  let sum = 0;
  for (let index = 0; index < a.length; index += 1) sum += a[index]! * b[index]!;
  return sum;
}

/** The vector scaled to length 1; an all-zero vector stays all zeros (it matches nothing). */
export function unitLength(vector: readonly number[]): number[] {
  const norm = Math.sqrt(dot(vector, vector));
  return norm === 0 ? vector.map(() => 0) : vector.map((value) => value / norm);
}
