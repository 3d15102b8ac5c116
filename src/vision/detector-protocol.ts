// Messages between the main thread and the detector worker (human-worker.ts). Plain data, structured-cloned.
import type { HumanAssets } from './vision-assets.ts';

export interface DetectorSettings {
  minObjectScore: number;
  minFaceScore: number;
  maxObjects: number;
  maxFaces: number;
}

export interface WorkerInit {
  assets: HumanAssets;
  settings: DetectorSettings;
}

export interface DetectRequest {
  type: 'detect';
  id: number;
  /** RGB, 3 bytes per pixel, row-major. */
  pixels: Uint8Array;
  width: number;
  height: number;
  objects: boolean;
  faces: boolean;
}

/** Boxes are normalized to 0–1 of the image the worker saw, so the caller can map them to any size. */
export interface RawObject {
  label: string;
  score: number;
  box: [number, number, number, number];
}

export interface RawFace {
  score: number;
  box: [number, number, number, number];
  descriptor: number[] | null;
}

export type WorkerReply =
  | { type: 'ready'; backend: string }
  | { type: 'init-failed'; message: string }
  | { type: 'result'; id: number; objects: RawObject[]; faces: RawFace[] }
  | { type: 'error'; id: number; message: string };
