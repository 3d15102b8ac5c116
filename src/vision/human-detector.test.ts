import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { createHumanDetector } from './human-detector.ts';
import { labelFaces } from './label-faces.ts';
import { PHOTOS_MISSING, photo, renderShape } from './test-images.ts';

// One detector (one worker, models loaded once) for the whole file.
const detector = createHumanDetector();
after(() => detector.close());

const astronaut = photo('astronaut.png');
const chelsea = photo('chelsea.png');
const coffee = photo('coffee.png');

before(async () => {
  // Fail loudly, not skip, when the packages are installed but the models do not load offline.
  assert.deepEqual(await detector.available('objects'), { ok: true });
  assert.deepEqual(await detector.available('faces'), { ok: true });
});

test('the first detection loads the models in a worker while the event loop keeps ticking', async () => {
  let last = performance.now();
  let worstGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    worstGap = Math.max(worstGap, now - last);
    last = now;
  }, 10);
  const started = performance.now();
  const result = await detector.detect(await renderShape('#ff0000', '#ffffff'), { objects: true, faces: true });
  const elapsed = performance.now() - started;
  clearInterval(ticker);
  assert.deepEqual(result.faces, [], 'a red disc has no face');
  assert.ok(elapsed > 300, `model loading plus inference took ${elapsed} ms`);
  assert.ok(worstGap < Math.max(250, elapsed / 4), `event loop stalled ${worstGap} ms of ${elapsed} ms`);
});

test('astronaut.png: a person and one face with a 1024-d unit descriptor, boxes in image pixels', async (t) => {
  if (!astronaut) return t.skip(PHOTOS_MISSING);
  const result = await detector.detect(astronaut, { objects: true, faces: true });
  const person = result.objects.find((object) => object.label === 'person');
  assert.ok(person, JSON.stringify(result.objects));
  assert.ok(person.box.height > 300 && person.box.x + person.box.width <= 512, JSON.stringify(person.box));
  assert.equal(result.faces.length, 1);
  const face = result.faces[0]!;
  // Eileen Collins' face is in the upper middle of the 512×512 picture.
  assert.ok(face.box.x > 100 && face.box.x < 250 && face.box.y < 150 && face.box.width > 80, JSON.stringify(face.box));
  assert.equal(face.descriptor?.length, 1024);
  assert.ok(Math.abs(Math.hypot(...face.descriptor!) - 1) < 1e-6);
});

test('the same face in a resized, recompressed copy is clustered as the same person', async (t) => {
  if (!astronaut) return t.skip(PHOTOS_MISSING);
  const copy = new Uint8Array(await sharp(astronaut).resize(384).jpeg({ quality: 70 }).toBuffer());
  const faces = async (bytes: Uint8Array) => (await detector.detect(bytes, { objects: false, faces: true })).faces;
  const analysis = (list: Awaited<ReturnType<typeof faces>>) => ({ ocrText: '', objects: [], colors: [], caption: null, analyzers: {}, faces: list.map((face) => ({ box: face.box, score: face.score, personId: null, descriptor: face.descriptor! })) });
  const first = labelFaces(analysis(await faces(astronaut)), []);
  const second = labelFaces(analysis(await faces(copy)), first.clusters);
  assert.equal(first.analysis.faces[0]?.personId, 'person-1');
  assert.equal(second.analysis.faces[0]?.personId, 'person-1');
  assert.equal(second.clusters.length, 1);
});

test('two different people (astronaut.png, camera.png) become two persons', async (t) => {
  const camera = photo('camera.png');
  if (!astronaut || !camera) return t.skip(PHOTOS_MISSING);
  const faces = async (bytes: Uint8Array) => (await detector.detect(bytes, { objects: false, faces: true })).faces;
  const [first, second] = [(await faces(astronaut))[0], (await faces(camera))[0]];
  assert.ok(first?.descriptor && second?.descriptor, 'both photos show one face');
  // Two separate photos (one face each), so only the similarity threshold can keep them apart.
  const analysis = (face: typeof first) => ({ ocrText: '', objects: [], colors: [], caption: null, analyzers: {}, faces: [{ box: face!.box, score: face!.score, personId: null, descriptor: face!.descriptor! }] });
  const one = labelFaces(analysis(first), []);
  const two = labelFaces(analysis(second), one.clusters);
  assert.deepEqual([one.analysis.faces[0]?.personId, two.analysis.faces[0]?.personId], ['person-1', 'person-2']);
});

test('chelsea.png: the cat is found as one animal covering the picture (the small COCO model calls it a dog)', async (t) => {
  if (!chelsea) return t.skip(PHOTOS_MISSING);
  const result = await detector.detect(chelsea, { objects: true, faces: true });
  const animal = result.objects.find((object) => object.label === 'cat' || object.label === 'dog');
  assert.ok(animal, JSON.stringify(result.objects));
  assert.ok(animal.box.width > 300 && animal.box.height > 200, JSON.stringify(animal.box));
  assert.deepEqual(result.faces, [], 'blazeface is for human faces');
});

test('coffee.png: a cup', async (t) => {
  if (!coffee) return t.skip(PHOTOS_MISSING);
  const { objects } = await detector.detect(coffee, { objects: true, faces: false });
  assert.ok(objects.some((object) => object.label === 'cup'), JSON.stringify(objects));
});
