// Checks a local model directory before transformers.js touches it, so a missing model is a
// ModelNotConfiguredError that says what to configure, not a stack trace from deep inside a loader.
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type * as Transformers from '@huggingface/transformers';
import { DependencyMissingError, ModelNotConfiguredError } from '../errors/index.ts';

export async function assertLocalModelDir(dir: string, files: string[], what: string, howToConfigure: string): Promise<void> {
  const isDir = await stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!isDir) throw new ModelNotConfiguredError(what, `The model directory ${dir} does not exist. ${howToConfigure}`, { details: { modelDir: dir } });
  for (const file of files) {
    const present = await access(join(dir, file)).then(
      () => true,
      () => false,
    );
    if (!present) throw new ModelNotConfiguredError(what, `${join(dir, file)} is missing. ${howToConfigure}`, { details: { modelDir: dir, missing: file } });
  }
}

/** transformers.js, imported on first use only: importing it loads onnxruntime's native library. */
export async function loadTransformers(allowRemoteModels: boolean): Promise<typeof Transformers> {
  let transformers: typeof Transformers;
  try {
    transformers = await import('@huggingface/transformers');
  } catch (error) {
    // An optional dependency: a package installed with --omit=optional (or where onnxruntime has no build) lacks it.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new DependencyMissingError('A local ONNX model (provider "transformers")', '@huggingface/transformers', 'use an embedding endpoint instead (embedder.provider "openai-compatible")', { cause: error });
  }
  // Global in transformers.js; per-call `local_files_only` below keeps each embedder's own choice.
  transformers.env.allowRemoteModels = allowRemoteModels;
  transformers.env.allowLocalModels = true;
  return transformers;
}
