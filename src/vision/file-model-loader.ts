// Lets tfjs load graph models from file:// URLs. Human asks tfjs for `${modelBasePath}/x.json`; in Node,
// tfjs only routes http(s) (tfjs-node, which would add file://, has no prebuilt binary here), so this router
// reads model.json and its weight shards from disk and hands tfjs the artifacts in memory.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface WeightsGroup {
  paths: string[];
  weights: unknown[];
}

interface ModelJson {
  modelTopology: unknown;
  weightsManifest: WeightsGroup[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  signature?: unknown;
  userDefinedMetadata?: unknown;
  modelInitializer?: unknown;
}

/** The part of tfjs-core's io namespace this needs. */
export interface TfIo {
  registerLoadRouter(router: (url: string | string[]) => { load(): Promise<unknown> } | null): void;
}

export function registerFileModelLoader(io: TfIo): void {
  io.registerLoadRouter((url) => {
    const first = Array.isArray(url) ? url[0] : url;
    if (typeof first !== 'string' || !first.startsWith('file://')) return null;
    return { load: async () => readArtifacts(fileURLToPath(first)) };
  });
}

function readArtifacts(path: string): Record<string, unknown> {
  const json = JSON.parse(readFileSync(path, 'utf8')) as ModelJson;
  const shards = json.weightsManifest.flatMap((group) => group.paths.map((shard) => readFileSync(join(dirname(path), shard))));
  const weights = Buffer.concat(shards);
  return {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    signature: json.signature,
    userDefinedMetadata: json.userDefinedMetadata,
    modelInitializer: json.modelInitializer,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
  };
}
