// Where the offline analyzers' code, models and data live on disk (all inside node_modules: nothing is
// downloaded). Resolution never throws: a missing piece becomes an AnalyzerStatus that says what to install.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AVAILABLE, unavailable, type AnalyzerStatus } from './analyzer-status.ts';

const require = createRequire(import.meta.url);

export interface AssetCheck<T> {
  status: AnalyzerStatus;
  paths: T | null;
}

export interface OcrAssets {
  /** Directory holding eng.traineddata.gz (the LSTM "best_int" model, the one tesseract.js uses for OEM 1). */
  langPath: string;
}

export interface HumanAssets {
  /** Human's Node build that runs on the tfjs WASM backend (tfjs-node has no prebuilt binary here). */
  humanModule: string;
  modelsDir: string;
  /** Directory with tfjs-backend-wasm's .wasm files (ends with a slash, as setWasmPaths wants). */
  wasmDir: string;
}

export const OBJECT_MODELS = ['centernet'];
export const FACE_MODELS = ['blazeface', 'facemesh', 'faceres'];

export function ocrAssets(): AssetCheck<OcrAssets> {
  const fix = 'Run `npm install tesseract.js @tesseract.js-data/eng` in the project.';
  const root = resolveDir('@tesseract.js-data/eng');
  if (resolveDir('tesseract.js') === null) return { status: unavailable('tesseract.js is not installed', fix), paths: null };
  if (root === null) return { status: unavailable('@tesseract.js-data/eng (the English OCR model) is not installed', fix), paths: null };
  const langPath = join(root, '4.0.0_best_int');
  if (!existsSync(join(langPath, 'eng.traineddata.gz'))) return { status: unavailable(`${langPath}/eng.traineddata.gz is missing`, fix), paths: null };
  return { status: AVAILABLE, paths: { langPath } };
}

export function humanAssets(models: string[]): AssetCheck<HumanAssets> {
  const fix = 'Run `npm install @vladmandic/human @tensorflow/tfjs @tensorflow/tfjs-backend-wasm` in the project.';
  const humanDist = resolveDir('@vladmandic/human');
  const wasmDist = resolveDir('@tensorflow/tfjs-backend-wasm');
  for (const [name, dir] of [['@vladmandic/human', humanDist], ['@tensorflow/tfjs-backend-wasm', wasmDist], ['@tensorflow/tfjs-core', resolveDir('@tensorflow/tfjs-core')], ['@tensorflow/tfjs-converter', resolveDir('@tensorflow/tfjs-converter')]] as const) {
    if (dir === null) return { status: unavailable(`${name} is not installed`, fix), paths: null };
  }
  const paths = { humanModule: join(humanDist!, 'human.node-wasm.js'), modelsDir: join(humanDist!, '..', 'models'), wasmDir: `${wasmDist}/` };
  const missing = [
    paths.humanModule,
    join(wasmDist!, 'tfjs-backend-wasm.wasm'),
    ...models.flatMap((model) => [join(paths.modelsDir, `${model}.json`), join(paths.modelsDir, `${model}.bin`)]),
  ].filter((path) => !existsSync(path));
  if (missing.length > 0) return { status: unavailable(`missing files: ${missing.join(', ')}`, `${fix} The package must include its models/ folder.`), paths: null };
  return { status: AVAILABLE, paths };
}

/** Directory of a package's resolved entry file, or null when it is not installed. */
function resolveDir(specifier: string): string | null {
  try {
    return dirname(require.resolve(specifier));
  } catch {
    // Not installed: the caller turns null into an AnalyzerStatus that names the package.
    return null;
  }
}
