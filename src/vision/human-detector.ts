// Main-thread side of the detector: decodes the image (sharp, off the event loop in libuv's pool), sends RGB
// pixels to the worker (human-worker.ts), maps normalized boxes back to the stored image's pixels.
// The worker starts on the first detect() and is reused (worker-client.ts handles its lifecycle).
import { Worker } from 'node:worker_threads';
import { sharp } from './sharp.ts';
import type { Box } from '../memory/types.ts';
import type { AnalyzerStatus } from './analyzer-status.ts';
import type { DetectRequest, DetectorSettings, RawFace, RawObject, WorkerReply } from './detector-protocol.ts';
import { createWorkerClient } from './worker-client.ts';
import { FACE_MODELS, OBJECT_MODELS, humanAssets } from './vision-assets.ts';
import { VISION_TUNING } from './tuning.ts';

export interface DetectorOptions extends Partial<DetectorSettings> {
  /** Longer sides are downscaled to this before detection (the models work at ≤ 512 px anyway). Default: tuning.ts. */
  maxInputSide?: number;
  /** Per image, including the first call's model loading. Default: tuning.ts. */
  timeoutMs?: number;
}

export interface DetectedObject {
  label: string;
  score: number;
  box: Box;
}

export interface DetectedFace {
  score: number;
  box: Box;
  descriptor: number[] | null;
}

export interface Detector {
  available(kind: 'objects' | 'faces'): Promise<AnalyzerStatus>;
  detect(bytes: Uint8Array, want: { objects: boolean; faces: boolean }): Promise<{ objects: DetectedObject[]; faces: DetectedFace[] }>;
  close(): Promise<void>;
}

export function createHumanDetector(options: DetectorOptions = {}): Detector {
  const settings: DetectorSettings = {
    minObjectScore: options.minObjectScore ?? VISION_TUNING.minObjectScore,
    minFaceScore: options.minFaceScore ?? VISION_TUNING.minFaceScore,
    maxObjects: options.maxObjects ?? VISION_TUNING.maxObjects,
    maxFaces: options.maxFaces ?? VISION_TUNING.maxFaces,
  };
  const maxSide = options.maxInputSide ?? VISION_TUNING.detectorMaxInputSide;
  const client = createWorkerClient<Omit<DetectRequest, 'id'>, Extract<WorkerReply, { id: number }>>({
    name: 'The detector',
    timeoutMs: options.timeoutMs ?? VISION_TUNING.detectorTimeoutMs,
    start: () => {
      const assets = humanAssets([...OBJECT_MODELS, ...FACE_MODELS]);
      if (assets.paths === null) throw new Error(`The detector is unavailable: ${assets.status.reason}. ${assets.status.fix}`);
      // The worker file has this module's extension: .ts when run from source, .js from the built package.
      const workerFile = import.meta.url.endsWith('.ts') ? './human-worker.ts' : './human-worker.js';
      return new Worker(new URL(workerFile, import.meta.url), { workerData: { assets: assets.paths, settings } });
    },
  });

  return {
    async available(kind) {
      return humanAssets(kind === 'objects' ? OBJECT_MODELS : FACE_MODELS).status;
    },
    async detect(bytes, want) {
      const image = sharp(bytes).rotate();
      const { data, info } = await image
        .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const size = await uprightSize(bytes);
      const pixels = new Uint8Array(data);
      const reply = await client.request({ type: 'detect', pixels, width: info.width, height: info.height, ...want }, [pixels.buffer]);
      if (reply.type === 'error') throw new Error(`The detector failed on this image: ${reply.message}`);
      return {
        objects: reply.objects.map((object: RawObject) => ({ label: object.label, score: round(object.score), box: toPixels(object.box, size) })),
        faces: reply.faces.map((face: RawFace) => ({ score: round(face.score), box: toPixels(face.box, size), descriptor: face.descriptor && unit(face.descriptor) })),
      };
    },
    close: () => client.close(),
  };
}

async function uprightSize(bytes: Uint8Array): Promise<{ width: number; height: number }> {
  const metadata = await sharp(bytes).metadata();
  const swap = (metadata.orientation ?? 1) >= 5;
  return swap ? { width: metadata.height, height: metadata.width } : { width: metadata.width, height: metadata.height };
}

/** Normalized [x, y, w, h] → whole pixels of the upright image, clamped to it. */
function toPixels(raw: [number, number, number, number], size: { width: number; height: number }): Box {
  const x = Math.max(0, Math.round(raw[0] * size.width));
  const y = Math.max(0, Math.round(raw[1] * size.height));
  const right = Math.min(size.width, Math.round((raw[0] + raw[2]) * size.width));
  const bottom = Math.min(size.height, Math.round((raw[1] + raw[3]) * size.height));
  return { x, y, width: Math.max(1, right - x), height: Math.max(1, bottom - y) };
}

/** Unit length, so clustering compares descriptors by cosine similarity alone. */
function unit(vector: number[]): number[] | null {
  const norm = Math.hypot(...vector);
  return norm > 0 ? vector.map((value) => value / norm) : null;
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
