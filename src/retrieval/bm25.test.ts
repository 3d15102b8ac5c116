import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Bm25Index } from './bm25.ts';

test('rare terms outweigh common ones and term frequency saturates', () => {
  const index = new Bm25Index<string>();
  index.add('a', ['dog', 'park', 'walk']);
  index.add('b', ['dog', 'sweden']);
  index.add('c', ['dog', 'dog', 'dog', 'dog', 'dog', 'dog']);
  index.add('d', ['cat']);
  const scores = index.score(new Map([['dog', 1], ['sweden', 1]]));
  const order = [...scores.entries()].sort((x, y) => y[1] - x[1]).map(([id]) => id);
  assert.equal(order[0], 'b', 'the only document with the rare word wins');
  assert.ok(!scores.has('d'));
  assert.ok(scores.get('c')! < 2 * scores.get('a')!, 'six repeats are worth far less than six times one');
  assert.ok(index.idf('sweden') > index.idf('dog'));
});

test('query weights scale contributions and documents added later are found', () => {
  const index = new Bm25Index<number>();
  index.add(1, ['alpha']);
  const full = index.score(new Map([['alpha', 1]])).get(1)!;
  const half = index.score(new Map([['alpha', 0.5]])).get(1)!;
  assert.ok(Math.abs(half - full / 2) < 1e-12);
  index.add(2, ['beta']);
  assert.deepEqual([...index.score(new Map([['beta', 1]])).keys()], [2]);
  assert.equal(index.documentFrequency('alpha'), 1);
});
