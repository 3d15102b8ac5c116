// An ImageEmbedder over a local CLIP vision model with transformers.js (onnx/vision_model.onnx, e.g. a copy of
// Xenova/clip-vit-base-patch32). Optional: without it, vision's offline colour-layout vectors are used.
// Nothing is read at construction; the model loads on first use, from disk only unless remote is allowed.
import { basename } from 'node:path';
import type { CLIPVisionModelWithProjection, ImageProcessor, RawImage } from '@huggingface/transformers';
import { ConfigError } from '../errors/index.ts';
import { assertLocalModelDir, loadTransformers } from './local-model-dir.ts';
import type { ChatImage, ImageEmbedder } from './ports.ts';
import { unitLength } from './vector-math.ts';

export interface TransformersImageEmbedderOptions {
  modelDir: string;
  allowRemoteModels?: boolean;
  modelId?: string;
  maxBatchSize?: number;
}

export interface LoadableImageEmbedder extends ImageEmbedder {
  load(): Promise<void>;
}

const HOW_TO_CONFIGURE =
  'Set imageEmbedder.modelDir (PERSONAVLM_IMAGE_EMBEDDER_DIR) to a local directory with config.json, preprocessor_config.json and onnx/vision_model.onnx (for example a copy of Xenova/clip-vit-base-patch32), or set PERSONAVLM_IMAGE_EMBEDDER=none.';

interface Loaded {
  processor: ImageProcessor;
  model: CLIPVisionModelWithProjection;
  decode: (image: ChatImage) => Promise<RawImage>;
}

export function transformersImageEmbedder(options: TransformersImageEmbedderOptions): LoadableImageEmbedder {
  const modelId = options.modelId ?? `transformers/${basename(options.modelDir)}/clip-image`;
  const maxBatchSize = options.maxBatchSize ?? 8;
  let loading: Promise<Loaded> | undefined;
  let dimensions: number | undefined;

  const run = async (loaded: Loaded, images: RawImage[]): Promise<number[][]> => {
    const inputs = await loaded.processor(images);
    const { image_embeds: embeds } = await loaded.model(inputs);
    return (embeds.tolist() as number[][]).map(unitLength);
  };

  const load = (): Promise<Loaded> => {
    loading ??= (async () => {
      await assertLocalModelDir(options.modelDir, ['config.json', 'preprocessor_config.json', 'onnx/vision_model.onnx'], 'Image embedding', HOW_TO_CONFIGURE);
      const transformers = await loadTransformers(options.allowRemoteModels ?? false);
      const pretrained = { local_files_only: !options.allowRemoteModels };
      let loaded: Loaded;
      try {
        loaded = {
          processor: await transformers.AutoImageProcessor.from_pretrained(options.modelDir, pretrained),
          model: await transformers.CLIPVisionModelWithProjection.from_pretrained(options.modelDir, { ...pretrained, dtype: 'fp32' }),
          decode: (image) => transformers.RawImage.fromBlob(new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: image.mime })),
        };
      } catch (error) {
        throw new ConfigError(`Could not load the image embedding model in ${options.modelDir}: ${(error as Error).message}. ${HOW_TO_CONFIGURE}`, { cause: error });
      }
      // A flat grey probe image learns the width of the vectors.
      const probe = new transformers.RawImage(new Uint8ClampedArray(32 * 32 * 3).fill(128), 32, 32, 3);
      dimensions = (await run(loaded, [probe]))[0]?.length;
      return loaded;
    })();
    loading.catch(() => (loading = undefined));
    return loading;
  };

  return {
    modelId,
    get dimensions(): number {
      if (dimensions === undefined) throw new ConfigError(`The dimension of image embedder ${modelId} is known once its model is loaded; call load() or embedImages() first.`);
      return dimensions;
    },
    async load() {
      await load();
    },
    async embedImages(images, callOptions) {
      if (images.length === 0) return [];
      const loaded = await load();
      const vectors: number[][] = [];
      for (let start = 0; start < images.length; start += maxBatchSize) {
        callOptions?.signal?.throwIfAborted();
        const decoded = await Promise.all(images.slice(start, start + maxBatchSize).map(loaded.decode));
        vectors.push(...(await run(loaded, decoded)));
      }
      return vectors;
    },
  };
}
