import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, ModelNotConfiguredError } from '../errors/index.ts';
import { TINY_EMBEDDINGS, TINY_VOCAB, writeTinyTextModel } from '../test/tiny-text-model.ts';
import { transformersTextEmbedder } from './transformers-text-embedder.ts';

let root: string;
let modelDir: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'personavlm-onnx-'));
  modelDir = join(root, 'tiny-encoder');
  await writeTinyTextModel(modelDir);
});
after(() => rm(root, { recursive: true, force: true }));

/** Mean of the token rows of [CLS] words [SEP], L2-normalized: what the embedder must return. */
function expected(words: string[]): number[] {
  const vocab: readonly string[] = TINY_VOCAB;
  const ids = ['[CLS]', ...words, '[SEP]'].map((word) => (vocab.includes(word) ? vocab.indexOf(word) : vocab.indexOf('[UNK]')));
  const rows = ids.map((id) => TINY_EMBEDDINGS[id]!);
  const mean = rows[0]!.map((_, column) => rows.reduce((sum, row) => sum + row[column]!, 0) / rows.length);
  const norm = Math.hypot(...mean);
  return mean.map((value) => value / norm);
}

const close = (actual: number[] | undefined, wanted: number[]) => {
  assert.equal(actual?.length, wanted.length);
  actual.forEach((value, index) => assert.ok(Math.abs(value - wanted[index]!) < 1e-5, `${actual} ≉ ${wanted}`));
};

test('loads a local ONNX model offline and returns mean-pooled, normalized vectors', async () => {
  const embedder = transformersTextEmbedder({ modelDir, maxBatchSize: 2 });
  assert.throws(() => embedder.dimensions, ConfigError);
  const [redBike, coffee, unknown] = await embedder.embed(['Red bike', 'coffee', 'zebra']);
  assert.equal(embedder.dimensions, 4);
  assert.equal(embedder.modelId, 'transformers/tiny-encoder/mean-normalized');
  close(redBike, expected(['red', 'bike']));
  close(coffee, expected(['coffee']));
  close(unknown, expected(['[UNK]']));
});

test('padding in a batch does not change a vector (the mask excludes pad tokens)', async () => {
  const embedder = transformersTextEmbedder({ modelDir, maxBatchSize: 8 });
  const [short] = await embedder.embed(['red', 'red bike ride tax forms']);
  close(short, expected(['red']));
});

test('nothing is read at construction; a missing directory says what to configure', async () => {
  const embedder = transformersTextEmbedder({ modelDir: join(root, 'absent') });
  await assert.rejects(embedder.embed(['x']), (error) => {
    assert.ok(error instanceof ModelNotConfiguredError);
    assert.match(error.message, /does not exist.*PERSONAVLM_EMBEDDER_DIR/);
    return true;
  });
  assert.deepEqual(await embedder.embed([]), []);
});
