import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Bm25Index } from './bm25.ts';
import { ScoreAccumulator } from './score-accumulator.ts';

function scored(index: Bm25Index, query: Map<string, number>): Map<number, number> {
  const into = new ScoreAccumulator(index.size);
  index.score(query, into);
  return new Map([...into.docs()].map((doc) => [doc, into.get(doc)]));
}

test('rare terms outweigh common ones and term frequency saturates', () => {
  const index = new Bm25Index();
  const [a, b, c, d] = [['dog', 'park', 'walk'], ['dog', 'sweden'], ['dog', 'dog', 'dog', 'dog', 'dog', 'dog'], ['cat']].map((terms) => index.add(terms));
  const scores = scored(index, new Map([['dog', 1], ['sweden', 1]]));
  const order = [...scores.entries()].sort((x, y) => y[1] - x[1]).map(([doc]) => doc);
  assert.equal(order[0], b, 'the only document with the rare word wins');
  assert.ok(!scores.has(d!));
  assert.ok(scores.get(c!)! < 2 * scores.get(a!)!, 'six repeats are worth far less than six times one');
  assert.ok(index.idf('sweden') > index.idf('dog'));
});

test('query weights scale contributions and documents added later are found', () => {
  const index = new Bm25Index();
  index.add(['alpha']);
  const full = scored(index, new Map([['alpha', 1]])).get(0)!;
  const half = scored(index, new Map([['alpha', 0.5]])).get(0)!;
  assert.ok(Math.abs(half - full / 2) < 1e-12);
  index.add(['beta']);
  assert.deepEqual([...scored(index, new Map([['beta', 1]])).keys()], [1]);
  assert.equal(index.documentFrequency('alpha'), 1);
});

/** The textbook formula, for checking the compact index against. */
function reference(docs: readonly string[][], query: Map<string, number>): Map<number, number> {
  const k1 = 1.2;
  const b = 0.75;
  const average = docs.reduce((sum, doc) => sum + doc.length, 0) / docs.length || 1;
  const scores = new Map<number, number>();
  for (const [term, weight] of query) {
    const df = docs.filter((doc) => doc.includes(term)).length;
    if (df === 0) continue;
    const idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
    docs.forEach((doc, position) => {
      const tf = doc.filter((word) => word === term).length;
      if (tf === 0) return;
      const norm = tf + k1 * (1 - b + (b * doc.length) / average);
      scores.set(position, (scores.get(position) ?? 0) + weight * idf * ((tf * (k1 + 1)) / norm));
    });
  }
  return scores;
}

test('sealed and tail postings, and documents re-read before and after a seal, score as the textbook formula', () => {
  let seed = 11;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const vocabulary = Array.from({ length: 60 }, (_, n) => `w${n}`);
  const documentOf = () => Array.from({ length: 1 + Math.floor(random() * 12) }, () => vocabulary[Math.floor(random() ** 2 * vocabulary.length)]!);
  const index = new Bm25Index();
  const docs: string[][] = [];
  // 5,000 documents: the index seals on its own past 2,048 and again as it grows; re-reads land on both sides.
  for (let n = 0; n < 5000; n += 1) {
    const doc = documentOf();
    docs.push(doc);
    index.add(doc);
    if (n % 7 === 3) {
      const target = Math.floor(random() * docs.length);
      docs[target] = documentOf();
      index.replace(target, docs[target]!);
    }
    if (n % 997 === 0 || n === 4999) {
      const query = new Map([[vocabulary[Math.floor(random() * 60)]!, 1], [vocabulary[Math.floor(random() * 60)]!, 0.5], ['unknown', 1]]);
      const expected = reference(docs, query);
      const actual = scored(index, query);
      assert.equal(actual.size, expected.size, `after ${n + 1} documents`);
      for (const [doc, score] of expected) assert.ok(Math.abs(actual.get(doc)! - score) < 1e-9, `doc ${doc}: ${actual.get(doc)} vs ${score}`);
      for (const term of query.keys()) assert.equal(index.documentFrequency(term), docs.filter((d) => d.includes(term)).length);
    }
  }
  index.seal();
  const target = 17;
  assert.deepEqual(index.wordsOf(target), docs[target]);
  assert.ok(index.arrayBytes < 5000 * 200, `${index.arrayBytes} bytes of arrays for 5,000 short documents`);
});

test('words() lists single words only, and a word no document holds any more is gone', () => {
  const index = new Bm25Index();
  index.add(['camp', 'lake', 'camp lake'], 2);
  index.replace(0, ['paint'], 1);
  assert.deepEqual([...index.words()], ['paint']);
  assert.equal(index.documentFrequency('camp'), 0);
});
