import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeImage } from './analyze-image.ts';
import { imageSearchText } from './image-search-text.ts';
import type { Detector } from './human-detector.ts';
import type { OcrAnalyzer } from './ocr-analyzer.ts';
import { createVisionAnalyzers, type VisionAnalyzers } from './vision-analyzers.ts';
import { visionAvailability } from './vision-availability.ts';
import { PHOTOS_MISSING, photo, png, renderText } from './test-images.ts';

// Real analyzers, started once for the file.
const analyzers = createVisionAnalyzers();
after(() => analyzers.close());

test('every analyzer is reported by visionAvailability; only caption lacks an offline model', async () => {
  const status = await visionAvailability();
  assert.deepEqual(Object.keys(status), ['colors', 'vector', 'ocr', 'objects', 'faces', 'caption']);
  for (const name of ['colors', 'vector', 'ocr', 'objects', 'faces'] as const) assert.deepEqual(status[name], { ok: true }, name);
  assert.equal(status.caption.ok, false);
  assert.match(status.caption.fix!, /options\.caption/);
});

test('a rendered sign: OCR words, colours, statuses for every analyzer, and search text', async () => {
  const sign = await renderText(['Garage sale Saturday', 'Maple Street 12']);
  const analysis = await analyzeImage(sign, { analyzers });
  assert.deepEqual(analysis.analyzers, { colors: 'ok', ocr: 'ok', objects: 'ok', faces: 'ok', caption: 'unavailable' });
  assert.match(analysis.ocrText, /Garage sale Saturday\nMaple Street 12/);
  assert.deepEqual(analysis.colors, ['white']);
  assert.deepEqual(analysis.faces, []);
  assert.match(analysis.analyzerNotes!.caption!, /no offline captioning model/);
  assert.match(imageSearchText(analysis), /Garage sale Saturday/);
});

test('a caption from elsewhere is kept and marks caption ok; disabled analyzers say so', async () => {
  const image = await png('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><rect width="200" height="200" fill="#1d4ed8"/></svg>');
  const analysis = await analyzeImage(image, { analyzers, caption: ' a blue wall ', enable: { ocr: false, objects: false, faces: false } });
  assert.equal(analysis.caption, 'a blue wall');
  assert.deepEqual(analysis.analyzers, { ocr: 'unavailable', objects: 'unavailable', faces: 'unavailable', colors: 'ok', caption: 'ok' });
  assert.equal(analysis.analyzerNotes!.ocr, 'disabled by the caller');
  assert.equal(imageSearchText(analysis), 'a blue wall\nblue');
});

test('coffee.png: the cup with its colours reaches the search text', async (t) => {
  const coffee = photo('coffee.png');
  if (!coffee) return t.skip(PHOTOS_MISSING);
  const analysis = await analyzeImage(coffee, { analyzers, enable: { ocr: false } });
  const cup = analysis.objects.find((object) => object.label === 'cup');
  assert.ok(cup && cup.colors.length > 0, JSON.stringify(analysis.objects));
  assert.match(imageSearchText(analysis), new RegExp(`${cup.colors[0]} cup`));
});

// Doubles for the failure paths: each throws on any call the test did not plan for.
function doubles(ocr: Partial<OcrAnalyzer>, detector: Partial<Detector>): VisionAnalyzers {
  const unplanned = (what: string) => () => {
    throw new Error(`unplanned call: ${what}`);
  };
  return {
    ocr: { name: 'ocr', available: unplanned('ocr.available'), recognize: unplanned('ocr.recognize'), close: unplanned('ocr.close'), ...ocr },
    detector: { available: unplanned('detector.available'), detect: unplanned('detector.detect'), close: unplanned('detector.close'), ...detector },
    close: unplanned('close'),
  };
}

test('an unavailable analyzer is "unavailable" with its reason and fix; a throwing one is "failed" with the error', async () => {
  const image = await renderText(['x']);
  const calls: string[] = [];
  const fake = doubles(
    { available: async () => ({ ok: false, reason: 'tesseract.js is not installed', fix: 'Run npm install tesseract.js' }) },
    {
      available: async (kind) => (calls.push(`available:${kind}`), { ok: true }),
      detect: async (_bytes, want) => {
        calls.push(`detect:${JSON.stringify(want)}`);
        throw new Error('worker crashed');
      },
    },
  );
  const analysis = await analyzeImage(image, { analyzers: fake });
  assert.deepEqual(calls, ['available:objects', 'available:faces', 'detect:{"objects":true,"faces":true}']);
  assert.deepEqual(analysis.analyzers, { ocr: 'unavailable', objects: 'failed', faces: 'failed', colors: 'ok', caption: 'unavailable' });
  assert.equal(analysis.analyzerNotes!.ocr, 'tesseract.js is not installed. Run npm install tesseract.js');
  assert.equal(analysis.analyzerNotes!.objects, 'worker crashed');
  assert.deepEqual([analysis.ocrText, analysis.objects, analysis.faces], ['', [], []]);
});
