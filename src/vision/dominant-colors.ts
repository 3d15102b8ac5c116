// Dominant colour names of an image or of a region of it, by palette quantization (see color-names.ts).
import { sharp } from './sharp.ts';
import { nearestColorName } from './color-names.ts';
import { VISION_TUNING } from './tuning.ts';

export interface DominantColorOptions {
  /** At most this many names, most frequent first. Default: tuning.ts (imageColors). */
  maxColors?: number;
  /** A name must cover at least this share of the (weighted) pixels. Default: tuning.ts (imageColorMinShare). */
  minShare?: number;
  /**
   * 'center' weights pixels by closeness to the centre: for object crops, whose borders are mostly background.
   * Default 'whole'.
   */
  focus?: 'whole' | 'center';
}

export interface ColorShare {
  name: string;
  share: number;
}

export async function dominantColors(bytes: Uint8Array, options: DominantColorOptions = {}): Promise<string[]> {
  return (await colorShares(bytes, options)).map((entry) => entry.name);
}

export async function colorShares(bytes: Uint8Array, options: DominantColorOptions = {}): Promise<ColorShare[]> {
  const { data, info } = await sharp(bytes)
    .rotate()
    .resize(VISION_TUNING.colorSampleSide, VISION_TUNING.colorSampleSide, { fit: 'fill' })
    .flatten({ background: '#ffffff' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const weights = new Map<string, number>();
  let total = 0;
  for (let y = 0; y < info.height; y += 1) {
    for (let x = 0; x < info.width; x += 1) {
      const offset = (y * info.width + x) * info.channels;
      const weight = options.focus === 'center' ? centerWeight(x, y, info.width, info.height) : 1;
      const name = nearestColorName(data[offset]!, data[offset + 1]!, data[offset + 2]!);
      weights.set(name, (weights.get(name) ?? 0) + weight);
      total += weight;
    }
  }
  const minShare = options.minShare ?? VISION_TUNING.imageColorMinShare;
  return [...weights.entries()]
    .map(([name, weight]) => ({ name, share: weight / total }))
    .filter((entry) => entry.share >= minShare)
    .sort((a, b) => b.share - a.share)
    .slice(0, options.maxColors ?? VISION_TUNING.imageColors);
}

/**
 * 1 at the centre, falling to 0 at the border, squared: an object box's centre is the object and its corners
 * are background. Squared because a linear fall-off still lets a wide background frame outvote the object.
 */
function centerWeight(x: number, y: number, width: number, height: number): number {
  const dx = Math.abs((x + 0.5) / width - 0.5) * 2;
  const dy = Math.abs((y + 0.5) / height - 0.5) * 2;
  return (1 - Math.max(dx, dy)) ** 2;
}
