import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { ModelNotConfiguredError } from '../errors/index.ts';
import { tinyImageEmbedding, writeTinyImageModel } from '../test/tiny-image-model.ts';
import { transformersImageEmbedder } from './transformers-image-embedder.ts';

let root: string;
let modelDir: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'personavlm-clip-'));
  modelDir = join(root, 'tiny-clip');
  await writeTinyImageModel(modelDir);
});
after(() => rm(root, { recursive: true, force: true }));

const flat = async (r: number, g: number, b: number) => ({
  bytes: new Uint8Array(await sharp({ create: { width: 16, height: 8, channels: 3, background: { r, g, b } } }).png().toBuffer()),
  mime: 'image/png',
});
const normalized = (vector: number[]) => vector.map((value) => value / Math.hypot(...vector));

test('embeds decoded images through a local CLIP-shaped ONNX model, normalized', async () => {
  const embedder = transformersImageEmbedder({ modelDir, maxBatchSize: 1 });
  const vectors = await embedder.embedImages([await flat(255, 0, 0), await flat(0, 51, 204)]);
  assert.equal(embedder.dimensions, 3);
  const expected = [normalized(tinyImageEmbedding(255, 0, 0)), normalized(tinyImageEmbedding(0, 51, 204))];
  vectors.forEach((vector, row) => vector.forEach((value, column) => assert.ok(Math.abs(value - expected[row]![column]!) < 1e-3, `${vector} ≉ ${expected[row]}`)));
});

test('a directory without the vision model says what to configure', async () => {
  await assert.rejects(transformersImageEmbedder({ modelDir: root }).load(), (error) => error instanceof ModelNotConfiguredError && /config\.json is missing.*PERSONAVLM_IMAGE_EMBEDDER_DIR/.test(error.message));
});
