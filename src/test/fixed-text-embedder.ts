// A deterministic TextEmbedder for tests of the embedding path: feature hashing of lower-cased words, L2
// normalized, so texts that share words are close and identical texts are identical. Records every call.
import type { TextEmbedder } from '../model/ports.ts';

function hash(text: string): number {
  // FNV-1a, 32 bit: stable across runs and platforms.
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

export class FixedTextEmbedder implements TextEmbedder {
  readonly modelId: string;
  readonly dimensions: number;
  readonly maxBatchSize: number;
  /** The texts of every embed call, in order. */
  readonly calls: string[][] = [];

  constructor(options: { dimensions?: number; maxBatchSize?: number; modelId?: string } = {}) {
    this.dimensions = options.dimensions ?? 64;
    this.maxBatchSize = options.maxBatchSize ?? 32;
    this.modelId = options.modelId ?? `fixed-hash-${this.dimensions}`;
  }

  vector(text: string): number[] {
    const vector = new Array<number>(this.dimensions).fill(0);
    const tokens = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    // An empty text still gets a unit vector: a zero vector has no cosine distance.
    for (const token of tokens.length ? tokens : ['']) {
      vector[hash(token) % this.dimensions]! += 1;
    }
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  }

  async embed(texts: string[]): Promise<number[][]> {
    if (texts.length > this.maxBatchSize) throw new Error(`FixedTextEmbedder: ${texts.length} texts exceed maxBatchSize ${this.maxBatchSize}; callers must batch.`);
    this.calls.push([...texts]);
    return texts.map((text) => this.vector(text));
  }
}
