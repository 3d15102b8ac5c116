// An offline image vector for near-duplicate and same-object retrieval: a colour layout (8×8 grid of mean
// CIELAB colours, so composition counts) plus a 4×4×4 RGB histogram (so colour content counts when the
// layout shifts, e.g. a crop of the same object framed differently). Both parts are L2-normalized, weighted,
// concatenated and normalized again, so cosine similarity is a dot product. It knows nothing of semantics:
// CLIP (an ImageEmbedder) is the upgrade when a model is configured.
import { sharp } from './sharp.ts';
import { rgbToLab } from './color-names.ts';
import { dot, unitLength } from '../model/vector-math.ts';

export const IMAGE_VECTOR_MODEL_ID = 'personavlm/colour-layout-v1';
const GRID = 8;
const BINS = 4;
export const IMAGE_VECTOR_DIMENSIONS = GRID * GRID * 3 + BINS ** 3;
const LAYOUT_WEIGHT = 0.75;
const HISTOGRAM_WEIGHT = 1 - LAYOUT_WEIGHT;

export async function imageVector(bytes: Uint8Array): Promise<number[]> {
  const layout = await layoutPart(bytes);
  const histogram = await histogramPart(bytes);
  return unitLength([...scale(unitLength(layout), LAYOUT_WEIGHT), ...scale(unitLength(histogram), HISTOGRAM_WEIGHT)]);
}

/** Cosine similarity of two vectors from imageVector (already unit length: a dot product). */
export function vectorSimilarity(a: number[], b: number[]): number {
  return dot(a, b);
}

async function layoutPart(bytes: Uint8Array): Promise<number[]> {
  const pixels = await rgb(bytes, GRID);
  const out: number[] = [];
  for (let offset = 0; offset < pixels.length; offset += 3) {
    const [l, a, b] = rgbToLab(pixels[offset]!, pixels[offset + 1]!, pixels[offset + 2]!);
    // Centred so that a dark and a light image point in different directions, not both along +L.
    out.push((l - 50) / 50, a / 100, b / 100);
  }
  return out;
}

async function histogramPart(bytes: Uint8Array): Promise<number[]> {
  const pixels = await rgb(bytes, 32);
  const counts = new Array<number>(BINS ** 3).fill(0);
  for (let offset = 0; offset < pixels.length; offset += 3) {
    const bin = (channel: number) => Math.min(BINS - 1, Math.floor((pixels[offset + channel]! / 256) * BINS));
    counts[bin(0) * BINS * BINS + bin(1) * BINS + bin(2)]! += 1;
  }
  // Square root (Hellinger): one dominant bin does not drown the others.
  return counts.map((count) => Math.sqrt(count));
}

async function rgb(bytes: Uint8Array, side: number): Promise<Uint8Array> {
  const buffer = await sharp(bytes).rotate().resize(side, side, { fit: 'fill' }).flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer();
  return new Uint8Array(buffer);
}

function scale(values: number[], factor: number): number[] {
  return values.map((value) => value * factor);
}
