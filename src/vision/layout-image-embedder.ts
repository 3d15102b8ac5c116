// The colour-layout vector behind the ImageEmbedder port: the offline image embedder when no CLIP is configured.
import type { ImageEmbedder } from '../model/ports.ts';
import { IMAGE_VECTOR_DIMENSIONS, IMAGE_VECTOR_MODEL_ID, imageVector } from './image-vector.ts';

export function createLayoutImageEmbedder(): ImageEmbedder {
  return {
    modelId: IMAGE_VECTOR_MODEL_ID,
    dimensions: IMAGE_VECTOR_DIMENSIONS,
    async embedImages(images, options) {
      const vectors: number[][] = [];
      for (const image of images) {
        options?.signal?.throwIfAborted();
        vectors.push(await imageVector(image.bytes));
      }
      return vectors;
    },
  };
}
