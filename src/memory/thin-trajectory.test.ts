import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thinTrajectory } from './thin-trajectory.ts';

const point = (index: number, openness: number) => ({ index, traits: { openness, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 } });

test('a long trajectory keeps its ends, its order and, per stretch, the turn that moved the traits most', () => {
  // 10,000 points drifting by 0.0001, with one jump of 0.5 at index 6,543.
  const points = Array.from({ length: 10_000 }, (_, index) => point(index, 3 + index * 0.0001 + (index >= 6543 ? 0.5 : 0)));
  const thinned = thinTrajectory(points, 100);
  assert.equal(thinned.length, 100);
  assert.equal(thinned[0]!.index, 0);
  assert.equal(thinned.at(-1)!.index, 9999);
  assert.ok(thinned.some((p) => p.index === 6543), 'the jump is kept');
  for (let at = 1; at < thinned.length; at += 1) assert.ok(thinned[at]!.index > thinned[at - 1]!.index, 'in order, no repeats');
});

test('a short trajectory passes whole; tiny limits keep the ends', () => {
  const points = [point(0, 3), point(1, 3.2), point(2, 3.1)];
  assert.deepEqual(thinTrajectory(points, 2000), points);
  assert.deepEqual(thinTrajectory(points, 2).map((p) => p.index), [0, 2]);
  assert.deepEqual(thinTrajectory(points, 1).map((p) => p.index), [2]);
  assert.deepEqual(thinTrajectory([], 10), []);
});
