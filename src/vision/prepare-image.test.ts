import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { InvalidImageError, PayloadTooLargeError } from '../errors/index.ts';
import { prepareImage } from './prepare-image.ts';
import { renderShape, rotatedExifJpeg } from './test-images.ts';

const limits = { maxBytes: 5_000_000, maxPixels: 4_000_000 };

async function pixel(bytes: Uint8Array, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * 3;
  return [data[offset]!, data[offset + 1]!, data[offset + 2]!];
}

test('an upright PNG is stored byte for byte, fingerprinted, measured, and gets a JPEG thumbnail', async () => {
  const input = await renderShape('#ff0000', '#ffffff');
  const prepared = await prepareImage(input, limits);
  assert.deepEqual(prepared.bytes, input);
  assert.equal(prepared.sha256, createHash('sha256').update(input).digest('hex'));
  assert.deepEqual([prepared.mime, prepared.width, prepared.height], ['image/png', 400, 300]);
  const thumbnail = await sharp(prepared.thumbnail).metadata();
  assert.deepEqual([thumbnail.format, thumbnail.width, thumbnail.height], ['jpeg', 256, 192]);
});

test('EXIF orientation is applied to the pixels: a sideways phone photo is stored upright', async () => {
  const prepared = await prepareImage(await rotatedExifJpeg(), limits);
  assert.deepEqual([prepared.mime, prepared.width, prepared.height], ['image/jpeg', 100, 200]);
  const metadata = await sharp(prepared.bytes).metadata();
  assert.ok((metadata.orientation ?? 1) === 1, 'the orientation tag no longer asks viewers to rotate');
  // Orientation 6 turns the stored left edge (red) to the top and the right edge (blue) to the bottom.
  const [topRed, , topBlue] = await pixel(prepared.bytes, 50, 20);
  const [bottomRed, , bottomBlue] = await pixel(prepared.bytes, 50, 180);
  assert.ok(topRed! > 200 && topBlue! < 60, `top is red, got ${topRed},${topBlue}`);
  assert.ok(bottomBlue! > 200 && bottomRed! < 60, `bottom is blue, got ${bottomRed},${bottomBlue}`);
});

test('GIF keeps its first frame as PNG, AVIF becomes JPEG, WebP is kept', async () => {
  const source = sharp(await renderShape('#00aa00', '#ffffff')).removeAlpha(); // opaque: a transparent AVIF would become PNG
  const gif = await prepareImage(new Uint8Array(await source.clone().gif().toBuffer()), limits);
  assert.deepEqual([gif.mime, gif.width, gif.height], ['image/png', 400, 300]);
  assert.equal((await sharp(gif.bytes).metadata()).format, 'png');
  const avif = await prepareImage(new Uint8Array(await source.clone().avif().toBuffer()), limits);
  assert.equal(avif.mime, 'image/jpeg');
  assert.equal((await sharp(avif.bytes).metadata()).format, 'jpeg');
  const webpBytes = new Uint8Array(await source.clone().webp().toBuffer());
  const webp = await prepareImage(webpBytes, limits);
  assert.deepEqual([webp.mime, webp.bytes], ['image/webp', webpBytes]);
});

test('animated GIF and WebP keep only their first frame', async () => {
  const frame = (color: string) => sharp({ create: { width: 40, height: 30, channels: 3, background: color } }).png().toBuffer();
  const frames = [await frame('#ff0000'), await frame('#0000ff')];
  for (const format of ['gif', 'webp'] as const) {
    const animation = new Uint8Array(await sharp(frames, { join: { animated: true } })[format]().toBuffer());
    const prepared = await prepareImage(animation, limits);
    assert.deepEqual([prepared.width, prepared.height], [40, 30], format);
    const metadata = await sharp(prepared.bytes).metadata();
    assert.equal(metadata.pages ?? 1, 1, `${format}: one frame stored`);
    const [red, , blue] = await pixel(prepared.bytes, 20, 15);
    assert.ok(red! > 200 && blue! < 60, `${format}: the first (red) frame, got ${red},${blue}`);
  }
});

test('corrupt, truncated and SVG files are refused with the list of formats that work', async () => {
  const jpeg = new Uint8Array(await sharp(await renderShape('#0000ff', '#ffffff')).jpeg().toBuffer());
  const cases = {
    'random bytes': new Uint8Array(2000).map((_, index) => (index * 7919) % 251),
    'truncated JPEG': jpeg.subarray(0, Math.floor(jpeg.length / 2)),
    SVG: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
  };
  for (const [name, bytes] of Object.entries(cases)) {
    await assert.rejects(prepareImage(bytes, limits), (error: unknown) => {
      assert.ok(error instanceof InvalidImageError, `${name}: ${String(error)}`);
      assert.equal(error.code, 'invalid_image');
      assert.match(error.message, /JPEG, PNG, WebP, GIF/);
      return true;
    });
  }
});

test('too many bytes or too many pixels is PayloadTooLargeError with size and limit', async () => {
  const input = await renderShape('#ff0000', '#ffffff');
  await assert.rejects(prepareImage(input, { maxBytes: 100, maxPixels: 4_000_000 }), (error: unknown) => {
    assert.ok(error instanceof PayloadTooLargeError);
    assert.deepEqual([error.details.size, error.details.limit], [input.byteLength, 100]);
    return true;
  });
  await assert.rejects(prepareImage(input, { maxBytes: 5_000_000, maxPixels: 100_000 }), (error: unknown) => {
    assert.ok(error instanceof PayloadTooLargeError);
    assert.deepEqual([error.details.what, error.details.size], ['image size in pixels', 120_000]);
    return true;
  });
});
