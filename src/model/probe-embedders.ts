// Doctor's checks of the embedders: an embedder that is configured must load and embed; none is fine (warned).
import type { EmbedderConfig, ImageEmbedderConfig } from '../config/schema.ts';
import type { DoctorCheck } from './doctor-check.ts';
import { textEmbedderFromConfig } from './from-config.ts';
import { transformersImageEmbedder } from './transformers-image-embedder.ts';

export async function probeTextEmbedder(config: EmbedderConfig): Promise<DoctorCheck> {
  const name = 'text embedder';
  const embedder = textEmbedderFromConfig(config);
  if (!embedder) {
    return {
      name,
      status: 'warn',
      detail: 'none configured: retrieval is lexical + time + image features, with no vector search',
      fix: 'For vector search set PERSONAVLM_EMBEDDER_DIR to a local ONNX model directory (e.g. all-MiniLM-L6-v2), or PERSONAVLM_EMBEDDER_BASE_URL and PERSONAVLM_EMBEDDER_MODEL, or PERSONAVLM_EMBEDDER=word-vectors after `personavlm word-vectors install` (offline).',
    };
  }
  try {
    const [vector] = await embedder.embed(['personavlm doctor']);
    return { name, status: 'ok', detail: `${embedder.modelId}: ${vector?.length}-d vectors` };
  } catch (error) {
    return { name, status: 'missing', detail: (error as Error).message, fix: 'Fix the embedder settings named above, or set PERSONAVLM_EMBEDDER=none.' };
  }
}

export async function probeImageEmbedder(config: ImageEmbedderConfig): Promise<DoctorCheck> {
  const name = 'image embedder';
  if (config.provider === 'none') return { name, status: 'ok', detail: 'offline colour-layout vectors (no CLIP model configured)' };
  try {
    const embedder = transformersImageEmbedder({ modelDir: config.modelDir, allowRemoteModels: config.allowRemoteModels });
    await embedder.load();
    return { name, status: 'ok', detail: `${embedder.modelId}: ${embedder.dimensions}-d vectors` };
  } catch (error) {
    return { name, status: 'missing', detail: (error as Error).message, fix: 'Fix imageEmbedder.modelDir (PERSONAVLM_IMAGE_EMBEDDER_DIR), or set PERSONAVLM_IMAGE_EMBEDDER=none.' };
  }
}
