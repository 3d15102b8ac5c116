import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FACE_MODELS, OBJECT_MODELS, humanAssets, ocrAssets } from './vision-assets.ts';

test('the OCR model and Human models + WASM binaries resolve inside node_modules', () => {
  const ocr = ocrAssets();
  assert.deepEqual(ocr.status, { ok: true });
  assert.ok(existsSync(join(ocr.paths!.langPath, 'eng.traineddata.gz')));
  const human = humanAssets([...OBJECT_MODELS, ...FACE_MODELS]);
  assert.deepEqual(human.status, { ok: true });
  assert.ok(human.paths!.wasmDir.endsWith('/'), 'setWasmPaths needs a trailing slash');
  assert.ok(existsSync(join(human.paths!.modelsDir, 'centernet.bin')));
});

test('a missing model file is unavailable, naming the file and the install command', () => {
  const check = humanAssets(['no-such-model']);
  assert.equal(check.status.ok, false);
  assert.equal(check.paths, null);
  assert.match(check.status.reason!, /no-such-model\.json/);
  assert.match(check.status.fix!, /npm install @vladmandic\/human/);
});
