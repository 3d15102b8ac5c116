// Main-thread side of the detector: decodes the image (sharp, off the event loop in libuv's pool), sends RGB
// pixels to the worker (human-worker.ts), maps normalized boxes back to the stored image's pixels.
// The worker starts on the first detect(), is reused, and is unref'd so an idle one never keeps a process alive.
import { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import type { Box } from '../memory/types.ts';
import type { AnalyzerStatus } from './analyzer-status.ts';
import type { DetectRequest, DetectorSettings, RawFace, RawObject, WorkerReply } from './detector-protocol.ts';
import { FACE_MODELS, OBJECT_MODELS, humanAssets } from './vision-assets.ts';

export interface DetectorOptions extends Partial<DetectorSettings> {
  /** Longer sides are downscaled to this before detection (the models work at ≤ 512 px anyway). Default 1024. */
  maxInputSide?: number;
  /** Per image, including the first call's model loading. Default 120 000. */
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

interface Pending {
  resolve(reply: WorkerReply): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export function createHumanDetector(options: DetectorOptions = {}): Detector {
  const settings: DetectorSettings = {
    minObjectScore: options.minObjectScore ?? 0.35,
    minFaceScore: options.minFaceScore ?? 0.5,
    maxObjects: options.maxObjects ?? 10,
    maxFaces: options.maxFaces ?? 10,
  };
  const maxSide = options.maxInputSide ?? 1024;
  const timeoutMs = options.timeoutMs ?? 120_000;
  let worker: Promise<Worker> | null = null;
  const pending = new Map<number, Pending>();
  let nextId = 1;

  function failAll(error: Error): void {
    for (const entry of pending.values()) {
      clearTimeout(entry.timer);
      entry.reject(error);
    }
    pending.clear();
    worker = null;
  }

  function spawn(): Promise<Worker> {
    const assets = humanAssets([...OBJECT_MODELS, ...FACE_MODELS]);
    if (assets.paths === null) return Promise.reject(new Error(`The detector is unavailable: ${assets.status.reason}. ${assets.status.fix}`));
    const thread = new Worker(new URL('./human-worker.ts', import.meta.url), { workerData: { assets: assets.paths, settings } });
    return new Promise((resolve, reject) => {
      thread.on('message', (message: WorkerReply) => {
        if (message.type === 'ready') {
          // Ref'd while loading (so a script awaiting the first result does not exit), unref'd once idle:
          // from then on each request's timeout timer keeps the process alive exactly while it waits.
          thread.unref();
          resolve(thread);
        }
        else if (message.type === 'init-failed') {
          reject(new Error(`The detector could not start: ${message.message}`));
          void thread.terminate();
        } else {
          const entry = pending.get(message.id);
          if (entry === undefined) return;
          pending.delete(message.id);
          clearTimeout(entry.timer);
          entry.resolve(message);
        }
      });
      thread.on('error', (error) => {
        reject(error);
        failAll(new Error(`The detector worker crashed: ${error.message}`, { cause: error }));
      });
      thread.on('exit', (code) => {
        reject(new Error(`The detector worker exited with code ${code} before it was ready`));
        if (pending.size > 0) failAll(new Error(`The detector worker exited with code ${code}`));
        worker = null;
      });
    });
  }

  async function request(message: Omit<DetectRequest, 'id' | 'type'>): Promise<WorkerReply> {
    worker ??= spawn();
    const thread = await worker.catch((error: unknown) => {
      worker = null; // retried on the next call rather than cached as failed forever
      throw error;
    });
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`The detector did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, { resolve, reject, timer });
      thread.postMessage({ type: 'detect', id, ...message } satisfies DetectRequest, [message.pixels.buffer as ArrayBuffer]);
    });
  }

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
      const reply = await request({ pixels: new Uint8Array(data), width: info.width, height: info.height, ...want });
      if (reply.type === 'error') throw new Error(`The detector failed on this image: ${reply.message}`);
      if (reply.type !== 'result') throw new Error(`The detector sent an unexpected ${reply.type} message`);
      return {
        objects: reply.objects.map((object: RawObject) => ({ label: object.label, score: round(object.score), box: toPixels(object.box, size) })),
        faces: reply.faces.map((face: RawFace) => ({ score: round(face.score), box: toPixels(face.box, size), descriptor: face.descriptor && unit(face.descriptor) })),
      };
    },
    async close() {
      const running = worker;
      worker = null;
      failAll(new Error('The detector was closed'));
      // A worker that never started has nothing to stop; its start error went to the detect() that awaited it.
      const thread = await running?.catch(() => null);
      if (thread) await thread.terminate();
    },
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
