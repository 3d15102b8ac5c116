import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignPersons, type PersonCluster } from './assign-persons.ts';

// Unit-ish 4-d descriptors: a and b point in different directions, a2 is a close variant of a.
const a = [1, 0, 0, 0];
const a2 = [0.95, 0.3, 0, 0];
const b = [0, 0, 1, 0];
const c = [0, 0, 0, 1];

test('new faces found persons with sequential ids; a similar face joins the existing person', () => {
  const first = assignPersons([], [a, b], 0.8);
  assert.deepEqual(first.personIds, ['person-1', 'person-2']);
  const second = assignPersons(first.clusters, [a2, c], 0.8);
  assert.deepEqual(second.personIds, ['person-1', 'person-3']);
  const person1 = second.clusters.find((cluster) => cluster.personId === 'person-1')!;
  assert.equal(person1.count, 2);
  assert.ok(Math.abs(Math.hypot(...person1.centroid) - 1) < 1e-9, 'centroid stays unit length');
  assert.ok(person1.centroid[1]! > 0 && person1.centroid[0]! > person1.centroid[1]!, 'centroid moved towards the new face');
});

test('existing ids never change, inputs are not mutated, and the sequence continues after gaps', () => {
  const existing: PersonCluster[] = [{ personId: 'person-7', centroid: [...a], count: 3 }, { personId: 'alice', centroid: [...b], count: 1 }];
  const snapshot = structuredClone(existing);
  const result = assignPersons(existing, [b, c], 0.8);
  assert.deepEqual(result.personIds, ['alice', 'person-8']);
  assert.deepEqual(existing, snapshot);
  assert.deepEqual(result.clusters.map((cluster) => cluster.personId), ['person-7', 'alice', 'person-8']);
});

test('two faces in one image never become the same person; the closer one wins the match', () => {
  const existing: PersonCluster[] = [{ personId: 'person-1', centroid: a, count: 1 }];
  const result = assignPersons(existing, [a2, a], 0.8);
  assert.deepEqual(result.personIds, ['person-2', 'person-1']);
});

test('below the threshold is a new person; descriptors are normalized before comparing', () => {
  const result = assignPersons([{ personId: 'person-1', centroid: a, count: 1 }], [[10, 10, 0, 0]], 0.8);
  assert.deepEqual(result.personIds, ['person-2'], 'cos 0.707 < 0.8');
  const scaled = assignPersons([{ personId: 'person-1', centroid: a, count: 1 }], [[5, 0, 0, 0]], 0.8);
  assert.deepEqual(scaled.personIds, ['person-1']);
  assert.throws(() => assignPersons([], [[0, 0, 0, 0]], 0.8), /all zeros/);
  assert.throws(() => assignPersons([{ personId: 'person-1', centroid: a, count: 1 }], [[1, 0]], 0.8), /lengths differ/);
});
