// A TextEmbedder over a local ONNX model directory with transformers.js (e.g. all-MiniLM-L6-v2, 384-d). The
// constructor touches nothing; the model loads on the first embed, from disk only unless remote is allowed.
import { basename } from 'node:path';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { ConfigError, EmbeddingMismatchError } from '../errors/index.ts';
import { defaults } from '../config/defaults.ts';
import { assertLocalModelDir, loadTransformers } from './local-model-dir.ts';
import type { TextEmbedder } from './ports.ts';

export interface TransformersTextEmbedderOptions {
  modelDir: string;
  pooling?: 'mean' | 'cls';
  normalize?: boolean;
  maxBatchSize?: number;
  allowRemoteModels?: boolean;
  /** Default: derived from the directory name, pooling and normalization. */
  modelId?: string;
}

const HOW_TO_CONFIGURE =
  'Set embedder.modelDir (PERSONAVLM_EMBEDDER_DIR) to a local directory with config.json, tokenizer.json, tokenizer_config.json and onnx/model.onnx (for example a copy of Xenova/all-MiniLM-L6-v2), or set PERSONAVLM_EMBEDDER=none.';

export interface LoadableTextEmbedder extends TextEmbedder {
  /** Loads the model (idempotent); embed() calls it. */
  load(): Promise<void>;
}

export function transformersTextEmbedder(options: TransformersTextEmbedderOptions): LoadableTextEmbedder {
  const pooling = options.pooling ?? 'mean';
  const normalize = options.normalize ?? true;
  const modelId = options.modelId ?? `transformers/${basename(options.modelDir)}/${pooling}${normalize ? '-normalized' : ''}`;
  let loading: Promise<FeatureExtractionPipeline> | undefined;
  let dimensions: number | undefined;

  const run = async (extractor: FeatureExtractionPipeline, texts: string[]): Promise<number[][]> => {
    const output = await extractor(texts, { pooling, normalize });
    return output.tolist() as number[][];
  };

  const load = (): Promise<FeatureExtractionPipeline> => {
    loading ??= (async () => {
      await assertLocalModelDir(options.modelDir, ['config.json', 'tokenizer.json', 'onnx/model.onnx'], 'Text embedding', HOW_TO_CONFIGURE);
      const { pipeline } = await loadTransformers(options.allowRemoteModels ?? false);
      let extractor: FeatureExtractionPipeline;
      try {
        extractor = await pipeline('feature-extraction', options.modelDir, { dtype: 'fp32', local_files_only: !options.allowRemoteModels });
      } catch (error) {
        throw new ConfigError(`Could not load the text embedding model in ${options.modelDir}: ${(error as Error).message}. ${HOW_TO_CONFIGURE}`, { cause: error });
      }
      // The width of the vectors is whatever the model produces; one probe learns it.
      dimensions = (await run(extractor, ['probe']))[0]?.length;
      return extractor;
    })();
    // A failed load is not cached: the person may fix the directory and try again in the same process.
    loading.catch(() => (loading = undefined));
    return loading;
  };

  return {
    modelId,
    maxBatchSize: options.maxBatchSize ?? defaults.embedder.maxBatchSize,
    get dimensions(): number {
      if (dimensions === undefined) throw new ConfigError(`The dimension of text embedder ${modelId} is known once its model is loaded; call load() or embed() first.`);
      return dimensions;
    },
    async load() {
      await load();
    },
    async embed(texts, callOptions) {
      if (texts.length === 0) return [];
      const extractor = await load();
      const vectors: number[][] = [];
      for (let start = 0; start < texts.length; start += this.maxBatchSize) {
        callOptions?.signal?.throwIfAborted();
        vectors.push(...(await run(extractor, texts.slice(start, start + this.maxBatchSize))));
      }
      const wrong = vectors.find((vector) => vector.length !== dimensions);
      if (wrong) throw new EmbeddingMismatchError(`Text embedder ${modelId} returned a ${wrong.length}-d vector after a ${dimensions}-d one; the model directory changed while in use.`);
      return vectors;
    },
  };
}
