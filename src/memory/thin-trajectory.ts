// A long Big Five trajectory (one point per scored turn: 100k for a user with 100k turns) cut to what a chart can
// show: the first and the last point, and from each of the equal stretches between them the point that moved the
// traits most (the turn a person hovering the chart wants to find). Order is kept; short trajectories pass whole.
import type { BigFive } from './types.ts';

interface TrajectoryPoint {
  traits: BigFive;
}

function moved(from: BigFive, to: BigFive): number {
  let sum = 0;
  for (const trait of Object.keys(to) as (keyof BigFive)[]) sum += Math.abs(to[trait] - from[trait]);
  return sum;
}

export function thinTrajectory<T extends TrajectoryPoint>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  if (max < 3) return max <= 1 ? [points.at(-1)!] : [points[0]!, points.at(-1)!];
  const kept: T[] = [points[0]!];
  const inner = points.length - 2;
  const buckets = max - 2;
  for (let bucket = 0; bucket < buckets; bucket += 1) {
    const from = 1 + Math.floor((bucket * inner) / buckets);
    const to = 1 + Math.floor(((bucket + 1) * inner) / buckets);
    let best = from;
    let bestMove = -1;
    for (let index = from; index < to; index += 1) {
      const move = moved(points[index - 1]!.traits, points[index]!.traits);
      if (move > bestMove) {
        bestMove = move;
        best = index;
      }
    }
    if (to > from) kept.push(points[best]!);
  }
  kept.push(points.at(-1)!);
  return kept;
}
