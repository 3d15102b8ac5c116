import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { InvalidInputError } from '../errors/index.ts';
import { cropRegion } from './crop-region.ts';
import { dominantColors } from './dominant-colors.ts';
import { png, rotatedExifJpeg } from './test-images.ts';

test('a crop cuts exactly the box, clamps it to the image and keeps PNG as PNG', async () => {
  const image = await png('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><rect width="300" height="200" fill="#fff"/><rect x="200" y="50" width="80" height="100" fill="#00f"/></svg>');
  const crop = await cropRegion(image, { x: 200, y: 50, width: 80, height: 100 });
  assert.equal(crop.mime, 'image/png');
  assert.deepEqual(crop.box, { x: 200, y: 50, width: 80, height: 100 });
  assert.deepEqual(await dominantColors(crop.bytes), ['blue']);
  const clamped = await cropRegion(image, { x: 250, y: -20, width: 200, height: 60.4 });
  assert.deepEqual(clamped.box, { x: 250, y: 0, width: 50, height: 41 });
  const size = await sharp(clamped.bytes).metadata();
  assert.deepEqual([size.width, size.height], [50, 41]);
});

test('boxes are in upright pixels, also for an EXIF-rotated JPEG, which crops to JPEG', async () => {
  const crop = await cropRegion(await rotatedExifJpeg(), { x: 0, y: 0, width: 100, height: 90 });
  assert.equal(crop.mime, 'image/jpeg');
  assert.deepEqual(await dominantColors(crop.bytes), ['red'], 'the upright top is the red half');
});

test('a box outside the image is an InvalidInputError', async () => {
  const image = await png('<svg xmlns="http://www.w3.org/2000/svg" width="50" height="50"/>');
  await assert.rejects(cropRegion(image, { x: 60, y: 0, width: 10, height: 10 }), InvalidInputError);
  await assert.rejects(cropRegion(image, { x: 0, y: 0, width: 0, height: 10 }), InvalidInputError);
});
