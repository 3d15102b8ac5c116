import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { IMAGE_VECTOR_DIMENSIONS, imageVector, vectorSimilarity } from './image-vector.ts';
import { createLayoutImageEmbedder } from './layout-image-embedder.ts';
import { PHOTOS_MISSING, photo, png } from './test-images.ts';

const svg = (width: number, height: number, body: string, background = '#fff') =>
  png(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${background}"/>${body}</svg>`);
const mouse = (x: number, y: number, s: number) =>
  `<ellipse cx="${x}" cy="${y}" rx="${40 * s}" ry="${60 * s}" fill="#d01818"/><rect x="${x - 3 * s}" y="${y - 60 * s}" width="${6 * s}" height="${40 * s}" fill="#333"/>`;
const mug = (x: number, y: number) => `<rect x="${x - 40}" y="${y - 50}" width="80" height="100" fill="#1d4ed8"/><circle cx="${x + 50}" cy="${y}" r="22" fill="none" stroke="#1d4ed8" stroke-width="10"/>`;
const plant = (x: number, y: number) => `<circle cx="${x}" cy="${y - 30}" r="50" fill="#15803d"/><rect x="${x - 30}" y="${y + 10}" width="60" height="50" fill="#92400e"/>`;

async function recompress(bytes: Uint8Array, factor: number, quality: number): Promise<Uint8Array> {
  const { width } = await sharp(bytes).metadata();
  return new Uint8Array(await sharp(bytes).resize(Math.round(width * factor)).jpeg({ quality }).toBuffer());
}

test('vectors are unit length with the documented dimensions, and the embedder port returns the same', async () => {
  const image = await svg(200, 100, mouse(100, 50, 0.5));
  const vector = await imageVector(image);
  assert.equal(vector.length, IMAGE_VECTOR_DIMENSIONS);
  assert.ok(Math.abs(vectorSimilarity(vector, vector) - 1) < 1e-9);
  const [embedded] = await createLayoutImageEmbedder().embedImages([{ bytes: image, mime: 'image/png' }]);
  assert.deepEqual(embedded, vector);
});

test('a resized, recompressed copy is nearer than an unrelated image (rendered scenes)', async () => {
  const desk = await svg(640, 400, mouse(150, 200, 1) + mug(420, 220) + plant(560, 300), '#f5f0e6');
  const copy = await recompress(desk, 0.5, 55);
  const other = await svg(640, 400, plant(200, 250) + mug(480, 150), '#e0e7ff');
  const [a, b, c] = await Promise.all([desk, copy, other].map(imageVector));
  const near = vectorSimilarity(a!, b!);
  const far = vectorSimilarity(a!, c!);
  assert.ok(near > 0.98, `copy similarity ${near}`);
  assert.ok(near > far + 0.1, `copy ${near} vs unrelated ${far}`);
});

test('same object, other scene: its crop is nearer to the stored crop than other objects are', async () => {
  const stored = await svg(120, 160, mouse(60, 80, 0.9));
  const seenAgain = await svg(150, 190, mouse(75, 95, 1.15), '#eeeeee');
  const others = await Promise.all([svg(160, 120, mug(65, 60)), svg(140, 140, plant(70, 70))]);
  const query = await imageVector(seenAgain);
  const same = vectorSimilarity(query, await imageVector(stored));
  for (const other of others) {
    const different = vectorSimilarity(query, await imageVector(other));
    assert.ok(same > different, `same object ${same} vs other object ${different}`);
  }
});

test('photographs: a resized, recompressed copy is nearest among unrelated photos', async (t) => {
  const [coffee, chelsea, astronaut] = [photo('coffee.png'), photo('chelsea.png'), photo('astronaut.png')];
  if (!coffee || !chelsea || !astronaut) return t.skip(PHOTOS_MISSING);
  const query = await imageVector(await recompress(coffee, 0.4, 50));
  const scores = await Promise.all([coffee, chelsea, astronaut].map(async (bytes) => vectorSimilarity(query, await imageVector(bytes))));
  assert.ok(scores[0]! > Math.max(scores[1]!, scores[2]!) + 0.05, `coffee ${scores[0]} vs chelsea ${scores[1]}, astronaut ${scores[2]}`);
});
