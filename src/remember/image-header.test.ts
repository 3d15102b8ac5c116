import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { readImageHeader } from './image-header.ts';

test('PNG, JPEG, GIF and WebP headers give format and size; other bytes give null', async () => {
  const png = new Uint8Array(await readFile(new URL('../datasets/persona-mme/__fixtures__/samples/50/0/laptop_mouse.png', import.meta.url)));
  assert.deepEqual(readImageHeader(png), { mime: 'image/png', width: 8, height: 8 });
  // Real encoders (sharp is a project dependency) write the other formats; a test may use an adapter.
  const raw = sharp({ create: { width: 37, height: 21, channels: 3, background: '#336699' } });
  for (const [format, mime] of [['jpeg', 'image/jpeg'], ['gif', 'image/gif'], ['webp', 'image/webp']] as const) {
    const bytes = new Uint8Array(await raw.clone().toFormat(format).toBuffer());
    assert.deepEqual(readImageHeader(bytes), { mime, width: 37, height: 21 }, format);
  }
  const lossless = new Uint8Array(await raw.clone().webp({ lossless: true }).toBuffer());
  assert.deepEqual(readImageHeader(lossless), { mime: 'image/webp', width: 37, height: 21 });
  assert.equal(readImageHeader(new Uint8Array([1, 2, 3])), null);
  assert.equal(readImageHeader(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2])), null, 'a cut header is not an image');
});
