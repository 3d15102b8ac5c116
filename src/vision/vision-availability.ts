// What `doctor` prints about image understanding: each analyzer, ok or why not and how to fix it.
// Cheap by design (file and package checks, no model loading), so doctor stays fast.
import { AVAILABLE, unavailable, type AnalyzerStatus } from './analyzer-status.ts';
import { FACE_MODELS, OBJECT_MODELS, humanAssets, ocrAssets } from './vision-assets.ts';

export const ANALYZER_NAMES = ['colors', 'vector', 'ocr', 'objects', 'faces', 'caption'] as const;
export type AnalyzerName = (typeof ANALYZER_NAMES)[number];

export const CAPTION_UNAVAILABLE = unavailable(
  'no offline captioning model is bundled',
  'Captions come from the configured chat model or from imported data (e.g. LoCoMo blip_caption); pass one as options.caption.',
);

export async function visionAvailability(): Promise<Record<AnalyzerName, AnalyzerStatus>> {
  return {
    // sharp is a hard dependency of the project: intake itself needs it, so these two always run.
    colors: AVAILABLE,
    vector: AVAILABLE,
    ocr: ocrAssets().status,
    objects: humanAssets(OBJECT_MODELS).status,
    faces: humanAssets(FACE_MODELS).status,
    caption: CAPTION_UNAVAILABLE,
  };
}
