// Vectors of a turn's images and of the objects in them: a query photo finds the stored photo, and a crop of an
// object finds the same object in another photo. Crops are content-addressed images of their own; the parent's
// analysis (ObjectDetection.cropSha256) or the memory's detail.cropSha256 links them back.
import type { Box, ImageAnalysis } from '../memory/types.ts';
import type { RememberDeps } from './deps.ts';

type VectorDeps = Pick<RememberDeps, 'store' | 'imageEmbedder' | 'vision'>;

/** Embeds one stored image with the configured image embedder; nothing without one. */
export async function storeImageVector(deps: VectorDeps, userId: string, sha256: string, image: { bytes: Uint8Array; mime: string }): Promise<void> {
  if (!deps.imageEmbedder) return;
  const [vector] = await deps.imageEmbedder.embedImages([image]);
  if (vector) await deps.store.images.setEmbedding(userId, sha256, { model: deps.imageEmbedder.modelId, vector });
}

/** Cuts `box` out of the image, stores the crop as an image and embeds it; returns the crop's sha256. */
export async function storeCrop(deps: VectorDeps, userId: string, image: Uint8Array, box: Box): Promise<string> {
  if (!deps.vision) throw new Error('cutting an image region needs the vision port (RememberDeps.vision)');
  const crop = await deps.vision.crop(image, box);
  const stored = await deps.store.images.put(userId, crop.bytes, { mime: crop.mime, width: crop.box.width, height: crop.box.height });
  await storeImageVector(deps, userId, stored.sha256, { bytes: crop.bytes, mime: crop.mime });
  return stored.sha256;
}

/** The analysis with each detected object's crop stored and named on it (cropSha256). */
export async function keepObjectCrops(deps: VectorDeps, userId: string, image: Uint8Array, analysis: ImageAnalysis): Promise<ImageAnalysis> {
  const objects = [];
  for (const object of analysis.objects) objects.push({ ...object, cropSha256: await storeCrop(deps, userId, image, object.box) });
  return { ...analysis, objects };
}

/**
 * The stored crop of each draft's image region (image-object memories), cut before the job's transaction. A
 * crop that fails is a warning; the memory is still written, with its region but without a crop.
 */
export async function regionCrops<Draft extends { image: { index: number; box: Box | null } | null }>(
  deps: VectorDeps & Pick<RememberDeps, 'events'>,
  turn: { userId: string; id: string; images: string[] },
  drafts: Draft[],
): Promise<Map<Draft, string>> {
  const crops = new Map<Draft, string>();
  for (const draft of drafts) {
    const sha256 = draft.image ? turn.images[draft.image.index] : undefined;
    if (!sha256 || !draft.image?.box) continue;
    try {
      crops.set(draft, await storeCrop(deps, turn.userId, await deps.store.images.readBytes(turn.userId, sha256), draft.image.box));
    } catch (error) {
      deps.events.warn('image_embedding_failed', `Keeping the crop of a memory's region in image ${sha256} of turn ${turn.id} failed: ${String(error)}`, { turnId: turn.id, sha256 });
    }
  }
  return crops;
}
