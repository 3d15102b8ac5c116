// Writes a tiny but real CLIP-shaped vision model for transformers.js: a CLIPImageProcessor config and an ONNX
// graph whose image_embeds is the mean of each normalized colour channel. The expected vector of a flat
// colour image can be computed by hand, so tests prove the image-embedding path with no download.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ELEMENT_TYPE, intAttribute, intsAttribute, model, node, valueInfo } from './onnx-protobuf.ts';

export const TINY_IMAGE_SIZE = 8;

/** What the tiny model returns for an image of one flat colour, before L2 normalization. */
export const tinyImageEmbedding = (red: number, green: number, blue: number): number[] => [red, green, blue].map((value) => (value / 255 - 0.5) / 0.5);

export async function writeTinyImageModel(dir: string): Promise<void> {
  await mkdir(join(dir, 'onnx'), { recursive: true });
  const onnx = model({
    name: 'tiny-vision-encoder',
    initializers: [],
    nodes: [node('ReduceMean', ['pixel_values'], ['image_embeds'], 'pool', [intsAttribute('axes', [2, 3]), intAttribute('keepdims', 0)])],
    inputs: [valueInfo('pixel_values', ELEMENT_TYPE.float, ['batch', 3, TINY_IMAGE_SIZE, TINY_IMAGE_SIZE])],
    outputs: [valueInfo('image_embeds', ELEMENT_TYPE.float, ['batch', 3])],
  });
  await writeFile(join(dir, 'onnx', 'vision_model.onnx'), onnx);
  await writeFile(join(dir, 'config.json'), JSON.stringify({ model_type: 'clip_vision_model', architectures: ['CLIPVisionModelWithProjection'], projection_dim: 3, image_size: TINY_IMAGE_SIZE }));
  await writeFile(
    join(dir, 'preprocessor_config.json'),
    JSON.stringify({
      image_processor_type: 'CLIPImageProcessor',
      do_resize: true,
      size: { shortest_edge: TINY_IMAGE_SIZE },
      do_center_crop: true,
      crop_size: { height: TINY_IMAGE_SIZE, width: TINY_IMAGE_SIZE },
      do_rescale: true,
      rescale_factor: 1 / 255,
      do_normalize: true,
      image_mean: [0.5, 0.5, 0.5],
      image_std: [0.5, 0.5, 0.5],
      do_convert_rgb: true,
      resample: 3,
    }),
  );
}
