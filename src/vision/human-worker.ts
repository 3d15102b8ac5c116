// Worker thread that owns Human (object detector + face detector/descriptor) on the tfjs WASM backend.
// Why a worker: model inference is synchronous WASM work of 0.3–2 s per image; on the main thread it would
// freeze every request of the process.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { DetectRequest, RawFace, RawObject, WorkerInit, WorkerReply } from './detector-protocol.ts';
import { registerFileModelLoader, type TfIo } from './file-model-loader.ts';
import { FACE_MODELS, OBJECT_MODELS } from './vision-assets.ts';

interface Tensor {
  dispose(): void;
}

interface HumanResult {
  object: Array<{ label: string; score: number; boxRaw: [number, number, number, number] }>;
  face: Array<{ score: number; boxScore: number; boxRaw: [number, number, number, number]; embedding?: number[] }>;
  error: string | null;
}

interface HumanInstance {
  load(): Promise<void>;
  detect(input: Tensor, config: Record<string, unknown>): Promise<HumanResult>;
  models: { models: Record<string, unknown> };
}

const require = createRequire(import.meta.url);
const port = parentPort;
if (port === null) throw new Error('human-worker.ts must run as a worker thread');
const init = workerData as WorkerInit;
const reply = (message: WorkerReply) => port.postMessage(message);

const tf = require('@tensorflow/tfjs-core') as { io: TfIo; getBackend(): string; tensor(values: Int32Array, shape: number[], dtype: 'int32'): Tensor };
// The models doctor checks for (vision-assets), so the two lists cannot drift apart.
const REQUIRED_MODELS = [...OBJECT_MODELS, ...FACE_MODELS];
registerFileModelLoader(tf.io);

async function start(): Promise<HumanInstance> {
  const { Human } = require(init.assets.humanModule) as { Human: new (config: Record<string, unknown>) => HumanInstance };
  const { settings } = init;
  const human = new Human({
    backend: 'wasm',
    wasmPath: init.assets.wasmDir,
    modelBasePath: `${pathToFileURL(init.assets.modelsDir).href}/`,
    cacheModels: false,
    debug: false,
    warmup: 'none',
    face: {
      enabled: true,
      detector: { rotation: false, maxDetected: settings.maxFaces, minConfidence: settings.minFaceScore },
      mesh: { enabled: true },
      description: { enabled: true },
      iris: { enabled: false },
      emotion: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    },
    object: { enabled: true, minConfidence: settings.minObjectScore, maxDetected: settings.maxObjects },
    body: { enabled: false },
    hand: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
  });
  await human.load();
  // Human logs a model that failed to load and carries on without it; here that must be an error.
  const missing = REQUIRED_MODELS.filter((name) => !human.models.models[name]);
  if (missing.length > 0) throw new Error(`Human could not load its models ${missing.join(', ')} from ${init.assets.modelsDir}`);
  return human;
}

async function detect(human: HumanInstance, request: DetectRequest): Promise<WorkerReply> {
  const input = tf.tensor(Int32Array.from(request.pixels), [1, request.height, request.width, 3], 'int32');
  try {
    const result = await human.detect(input, { object: { enabled: request.objects }, face: { enabled: request.faces } });
    if (result.error) return { type: 'error', id: request.id, message: result.error };
    const objects: RawObject[] = request.objects ? result.object.map((item) => ({ label: item.label, score: item.score, box: item.boxRaw })) : [];
    const faces: RawFace[] = request.faces
      ? result.face
          .filter((face) => face.boxScore >= init.settings.minFaceScore)
          .map((face) => ({ score: face.score, box: face.boxRaw, descriptor: face.embedding && face.embedding.length > 0 ? [...face.embedding] : null }))
      : [];
    return { type: 'result', id: request.id, objects, faces };
  } finally {
    input.dispose();
  }
}

start().then(
  (human) => {
    reply({ type: 'ready', backend: tf.getBackend() });
    // One request at a time, in order: the WASM backend is single-threaded anyway.
    let queue = Promise.resolve();
    port.on('message', (request: DetectRequest) => {
      queue = queue.then(() =>
        detect(human, request).then(reply, (error: unknown) => reply({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) })),
      );
    });
  },
  (error: unknown) => reply({ type: 'init-failed', message: error instanceof Error ? error.message : String(error) }),
);
