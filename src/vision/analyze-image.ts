// Runs every offline analyzer on one image and reports each as ok, unavailable or failed, with the reason:
// a missing analyzer is visible in the result, never an empty list that looks like "nothing found".
import type { FaceDetection, ImageAnalysis, ObjectDetection } from '../memory/types.ts';
import type { AnalyzerStatus } from './analyzer-status.ts';
import { cropRegion } from './crop-region.ts';
import type { DetectedFace, DetectedObject } from './human-detector.ts';
import { dominantColors } from './dominant-colors.ts';
import type { VisionAnalyzers } from './vision-analyzers.ts';
import { CAPTION_UNAVAILABLE } from './vision-availability.ts';
import { VISION_TUNING } from './tuning.ts';

export interface AnalyzeImageOptions {
  analyzers: VisionAnalyzers;
  /** Turn analyzers off (they are then reported 'unavailable' with the reason "disabled"). All on by default. */
  enable?: { ocr?: boolean; objects?: boolean; faces?: boolean };
  /** A caption from elsewhere (the chat model, an imported dataset); none is computed offline. */
  caption?: string | null;
}

type Outcome = 'ok' | 'unavailable' | 'failed';

export async function analyzeImage(bytes: Uint8Array, options: AnalyzeImageOptions): Promise<ImageAnalysis> {
  const analyzers: Record<string, Outcome> = {};
  const notes: Record<string, string> = {};
  const mark = (name: string, outcome: Outcome, note?: string) => {
    analyzers[name] = outcome;
    if (note !== undefined) notes[name] = note;
  };
  const enable = { ocr: true, objects: true, faces: true, ...options.enable };

  const ocrTask = runOcr(bytes, options.analyzers, enable.ocr, mark);
  const detectTask = runDetector(bytes, options.analyzers, enable, mark);
  const colorTask = dominantColors(bytes).then(
    (colors) => (mark('colors', 'ok'), colors),
    (error: unknown) => (mark('colors', 'failed', message(error)), []),
  );
  const [ocrText, detected, colors] = await Promise.all([ocrTask, detectTask, colorTask]);
  const objects = await Promise.all(
    detected.objects.map((object) =>
      withColors(bytes, object).catch((error: unknown) => {
        mark('colors', 'failed', `object crop colours: ${message(error)}`);
        return { ...object, colors: [] };
      }),
    ),
  );
  const faces: FaceDetection[] = detected.faces.map((face: DetectedFace) => ({
    box: face.box,
    score: face.score,
    personId: null,
    ...(face.descriptor ? { descriptor: face.descriptor } : {}),
  }));
  const caption = options.caption?.trim() ? options.caption.trim() : null;
  if (caption === null) mark('caption', 'unavailable', note(CAPTION_UNAVAILABLE));
  else mark('caption', 'ok');
  return { ocrText, objects, faces, colors, caption, analyzers, analyzerNotes: notes };
}

async function runOcr(bytes: Uint8Array, analyzers: VisionAnalyzers, enabled: boolean, mark: (name: string, outcome: Outcome, note?: string) => void): Promise<string> {
  if (!enabled) return (mark('ocr', 'unavailable', 'disabled by the caller'), '');
  const status = await analyzers.ocr.available();
  if (!status.ok) return (mark('ocr', 'unavailable', note(status)), '');
  try {
    const text = await analyzers.ocr.recognize(bytes);
    mark('ocr', 'ok');
    return text;
  } catch (error) {
    mark('ocr', 'failed', message(error));
    return '';
  }
}

async function runDetector(
  bytes: Uint8Array,
  analyzers: VisionAnalyzers,
  enable: { objects: boolean; faces: boolean },
  mark: (name: string, outcome: Outcome, note?: string) => void,
): Promise<{ objects: DetectedObject[]; faces: DetectedFace[] }> {
  const want = { objects: false, faces: false };
  for (const kind of ['objects', 'faces'] as const) {
    if (!enable[kind]) {
      mark(kind, 'unavailable', 'disabled by the caller');
      continue;
    }
    const status = await analyzers.detector.available(kind);
    if (status.ok) want[kind] = true;
    else mark(kind, 'unavailable', note(status));
  }
  if (!want.objects && !want.faces) return { objects: [], faces: [] };
  try {
    const result = await analyzers.detector.detect(bytes, want);
    for (const kind of ['objects', 'faces'] as const) if (want[kind]) mark(kind, 'ok');
    return result;
  } catch (error) {
    for (const kind of ['objects', 'faces'] as const) if (want[kind]) mark(kind, 'failed', message(error));
    return { objects: [], faces: [] };
  }
}

async function withColors(bytes: Uint8Array, object: DetectedObject): Promise<ObjectDetection> {
  const crop = await cropRegion(bytes, object.box);
  const colors = await dominantColors(crop.bytes, { focus: 'center', maxColors: VISION_TUNING.objectColors, minShare: VISION_TUNING.objectColorMinShare });
  return { label: object.label, score: object.score, box: object.box, colors };
}

function note(status: AnalyzerStatus): string {
  return [status.reason, status.fix].filter(Boolean).join('. ');
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
