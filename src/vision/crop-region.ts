// Cut a rectangle out of a (stored, upright) image: object crops for image-object memories and retrieval.
import { sharp } from './sharp.ts';
import type { Box } from '../memory/types.ts';
import { InvalidInputError } from '../errors/index.ts';

export interface ImageCrop {
  bytes: Uint8Array;
  mime: 'image/png' | 'image/jpeg';
  /** The box actually cut: the requested one clamped to the image, in whole pixels. */
  box: Box;
}

/** JPEG for photographs (small), PNG for everything else (lossless, keeps transparency). */
export async function cropRegion(bytes: Uint8Array, box: Box): Promise<ImageCrop> {
  const image = sharp(bytes).rotate();
  const metadata = await image.metadata();
  const upright = (metadata.orientation ?? 1) >= 5;
  const width = upright ? metadata.height : metadata.width;
  const height = upright ? metadata.width : metadata.height;
  const left = clamp(Math.floor(box.x), 0, width - 1);
  const top = clamp(Math.floor(box.y), 0, height - 1);
  const right = clamp(Math.ceil(box.x + box.width), left + 1, width);
  const bottom = clamp(Math.ceil(box.y + box.height), top + 1, height);
  if (!(box.width > 0 && box.height > 0) || box.x >= width || box.y >= height || box.x + box.width <= 0 || box.y + box.height <= 0) {
    throw new InvalidInputError(`The box ${JSON.stringify(box)} does not overlap the ${width}×${height} image. Give a box inside the image.`);
  }
  const clamped = { x: left, y: top, width: right - left, height: bottom - top };
  const extracted = image.extract({ left, top, width: clamped.width, height: clamped.height });
  const asJpeg = metadata.format === 'jpeg';
  const out = asJpeg ? await extracted.jpeg({ quality: 90 }).toBuffer() : await extracted.png().toBuffer();
  return { bytes: new Uint8Array(out), mime: asJpeg ? 'image/jpeg' : 'image/png', box: clamped };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
