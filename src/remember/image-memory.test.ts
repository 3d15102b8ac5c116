// The update phase keeps what image retrieval needs: a vector per stored image, object crops with their own
// vectors, faces clustered into named persons. Real PGlite store, real colour-layout embedder, images rendered
// with sharp; the analysis (boxes, face descriptors) is scripted here, the detector has its own tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { ImageAnalysis, Turn } from '../memory/types.ts';
import { createPersona, type Persona, internalsOf } from '../persona.ts';
import { openTestStore } from '../test/test-store.ts';
import { ImageHitResolver } from '../retrieval/image-hits.ts';
import { MemoryCorpus } from '../retrieval/memory-corpus.ts';
import { TurnCorpus } from '../retrieval/turn-corpus.ts';
import { IMAGE_VECTOR_MODEL_ID } from '../vision/index.ts';
import { PHOTOS_MISSING, photo, png, renderShape } from '../vision/test-images.ts';
import { emptyOutcome } from './job-context.ts';
import { regionCrops } from './image-vectors.ts';
import { applySemanticDrafts } from './semantic-effects.ts';

const DAY = 86_400_000;
const at = (day: number) => new Date(Date.UTC(2024, 4, 1, 12) + day * DAY);
const MUG_BOX = { x: 40, y: 60, width: 240, height: 200 };

/** Green table with a white tray holding a red mug (the object), at MUG_BOX. */
const sceneMug = () => png(`<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect width="100%" height="100%" fill="#2e7d32"/><rect x="40" y="60" width="240" height="200" fill="#fff"/><circle cx="160" cy="160" r="80" fill="#f00"/></svg>`);
/** Navy wall with an orange door. */
const sceneDoor = () => png(`<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect width="100%" height="100%" fill="#1a237e"/><rect x="360" y="80" width="200" height="400" fill="#ff9800"/></svg>`);
/** Yellow field with a black ball. */
const sceneBall = () => png(`<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect width="100%" height="100%" fill="#fdd835"/><circle cx="480" cy="300" r="90" fill="#000"/></svg>`);

function analysis(parts: Partial<ImageAnalysis> = {}): ImageAnalysis {
  return { ocrText: '', objects: [], faces: [], colors: [], caption: null, analyzers: { objects: 'ok', faces: 'ok' }, ...parts };
}

/** A persona on a fresh PGlite store whose analyzer answers with `analyses`, one per analysed image, in order. */
async function personaWith(analyses: ImageAnalysis[]): Promise<Persona> {
  const persona = createPersona({ store: await openTestStore(), model: null, vision: false, embedder: null });
  await persona.open();
  const { prepare, crop } = internalsOf(persona).rememberDeps.vision!;
  internalsOf(persona).rememberDeps.vision = {
    prepare,
    crop,
    analyze: async () => {
      const next = analyses.shift();
      if (!next) throw new Error('unscripted image analysis');
      return next;
    },
  };
  return persona;
}

async function record(persona: Persona, userId: string, text: string, day: number, bytes?: Uint8Array): Promise<Turn> {
  return (await persona.recordTurn({ userId, role: 'user', text, at: at(day), ...(bytes ? { images: [{ bytes }] } : {}) })).turn;
}

const recall = (persona: Persona, userId: string, query: string, images: Uint8Array[] = []) =>
  persona.recall({ userId, query, at: at(30), budgetTokens: 300, images: images.map((bytes) => ({ bytes, mime: 'image/png' })) });

test('a recorded photo gets a vector, its objects get stored crops with vectors, and both lead recall back to the turn', async () => {
  const persona = await personaWith([analysis({ objects: [{ label: 'cup', score: 0.9, box: MUG_BOX, colors: ['red'] }] }), analysis(), analysis()]);
  try {
    const mug = await record(persona, 'u', 'breakfast at the cabin', 0, await sceneMug());
    const door = await record(persona, 'u', 'we painted it ourselves', 5, await sceneDoor());
    const ball = await record(persona, 'u', 'the match was fun', 10, await sceneBall());
    const stored = await internalsOf(persona).store.images.get('u', mug.images[0]!);
    const cropSha = stored?.analysis?.objects[0]?.cropSha256;
    assert.ok(cropSha, 'the detection names its crop');
    const crop = await internalsOf(persona).store.images.get('u', cropSha);
    assert.deepEqual([crop?.width, crop?.height], [MUG_BOX.width, MUG_BOX.height]);
    const models = await internalsOf(persona).store.embeddings.models('u');
    assert.deepEqual(models.map((m) => [m.target, m.count]), [['images', 4]], 'three photos and one crop, nothing else');

    // A query photo that is a smaller JPEG copy of a stored one finds its turn first.
    const smallDoor = new Uint8Array(await sharp(await sceneDoor()).resize(320, 240).jpeg().toBuffer());
    const byPhoto = await persona.recall({ userId: 'u', query: 'where was this', at: at(30), budgetTokens: 300, images: [{ bytes: smallDoor, mime: 'image/jpeg' }] });
    assert.deepEqual(byPhoto.items[0]?.sourceTurnIds, [door.id]);

    // The crop is not on any turn: it leads back to the turn whose photo it was cut from.
    const view = new TurnCorpus();
    for (const turn of await internalsOf(persona).store.turns.list('u')) view.add(turn);
    const resolver = new ImageHitResolver(internalsOf(persona).store, 'u', view, new MemoryCorpus([]));
    assert.deepEqual(await resolver.resolve(cropSha), { turns: [view.indexOf(mug.id)!], memories: [] });
    assert.deepEqual(await resolver.resolve(ball.images[0]!), { turns: [view.indexOf(ball.id)!], memories: [] });

    // A photo of just the red mug on white (the object again, elsewhere) finds the breakfast turn.
    const byObject = await recall(persona, 'u', 'have I seen this before', [await renderShape('#ff0000', '#ffffff')]);
    assert.deepEqual(byObject.items[0]?.sourceTurnIds, [mug.id]);
  } finally {
    await persona.close();
  }
});

test('an image-object memory keeps the original image as its region and its own crop in detail.cropSha256', async () => {
  const persona = await personaWith([analysis()]);
  try {
    const turn = await record(persona, 'u', 'this is my mug', 0, await sceneMug());
    const draft = { key: 'mug', content: '[Red mug] (Image Object: cup)', keywords: ['mug'], reason: 'owned object', category: 'image_object' as const, when: null, image: { index: 0, box: MUG_BOX } };
    const deps = internalsOf(persona).rememberDeps;
    const crops = await regionCrops(deps, turn, [draft]);
    const outcome = emptyOutcome();
    await internalsOf(persona).store.transaction((store) => applySemanticDrafts(store, turn, [draft], 'job-1', outcome, { crops }));
    const memory = await internalsOf(persona).store.memories.get('u', outcome.written[0]!);
    assert.deepEqual(memory?.sourceRegions.map((r) => r.imageSha256), [turn.images[0]]);
    const cropSha = memory?.detail['cropSha256'];
    assert.equal(typeof cropSha, 'string');
    assert.equal((await internalsOf(persona).store.embeddings.existing('u', 'images', IMAGE_VECTOR_MODEL_ID, [cropSha as string])).length, 1, 'the crop has a vector');
    // The crop hit also reaches the memory (image-object recall).
    const resolver = new ImageHitResolver(internalsOf(persona).store, 'u', new TurnCorpus(), new MemoryCorpus([memory!]));
    assert.deepEqual((await resolver.resolve(cropSha as string)).memories, [0]);
  } finally {
    await persona.close();
  }
});

/** Unit vectors in 8 dimensions: `alice2` is a second photo of Alice (cosine 0.98), `bob` someone else. */
const alice = [1, 0, 0, 0, 0, 0, 0, 0];
const alice2 = [0.98, 0.199, 0, 0, 0, 0, 0, 0];
const bob = [0.1, 0, 0.995, 0, 0, 0, 0, 0];
const face = (descriptor: number[]) => ({ box: { x: 10, y: 10, width: 50, height: 50 }, score: 0.9, personId: null, descriptor });

test('the same face in two turns is one person, another face another; naming a person makes recall find them', async () => {
  const persona = await personaWith([analysis({ faces: [face(alice)] }), analysis({ faces: [face(bob)] }), analysis({ faces: [face(alice2)] })]);
  try {
    const lake = await record(persona, 'u', 'a day at the lake', 0, await sceneBall());
    const office = await record(persona, 'u', 'office party', 3, await sceneDoor());
    const hike = await record(persona, 'u', 'hiking again', 6, await sceneMug());
    await record(persona, 'u', 'nothing to report today', 9);
    const faceOf = async (turn: Turn) => (await internalsOf(persona).store.images.get('u', turn.images[0]!))?.analysis?.faces[0]?.personId;
    assert.deepEqual([await faceOf(lake), await faceOf(office), await faceOf(hike)], ['person-1', 'person-2', 'person-1']);
    const persons = await internalsOf(persona).store.persons.list('u');
    assert.deepEqual(persons.map((p) => [p.id, p.count, p.name]), [['person-1', 2, null], ['person-2', 1, null]]);

    assert.ok((await internalsOf(persona).store.turns.list('u')).every((turn) => !/Alice/.test(turn.enrichment?.imageText ?? '')), 'no name before naming');
    const before = await recall(persona, 'u', 'who was with me at the lake Alice');
    assert.ok(before.items.length > 0);
    const report = await persona.persons.name('u', 'person-1', 'Alice');
    assert.deepEqual(report.turnIds.sort(), [lake.id, hike.id].sort());
    const found = await recall(persona, 'u', 'photos with Alice');
    assert.ok(found.items[0]?.sourceTurnIds.some((id) => id === lake.id || id === hike.id), `a photo of Alice comes first: ${JSON.stringify(found.items[0]?.sourceTurnIds)}`);
    assert.ok(!found.items[0]?.sourceTurnIds.includes(office.id));
    assert.match((await internalsOf(persona).store.turns.get('u', lake.id))?.enrichment?.imageText ?? '', /Alice/);
    assert.doesNotMatch((await internalsOf(persona).store.turns.get('u', office.id))?.enrichment?.imageText ?? '', /Alice/);

    // A later photo of a named person is searchable by the name at once.
    internalsOf(persona).rememberDeps.vision = { ...internalsOf(persona).rememberDeps.vision!, analyze: async () => analysis({ faces: [face(alice2)] }) };
    const later = await record(persona, 'u', 'birthday dinner', 12, await renderShape('#00f', '#fff'));
    assert.match(later.enrichment?.imageText ?? '', /Alice/);
    await assert.rejects(persona.persons.name('u', 'person-7', 'Zed'), (error: unknown) => (error as { code?: string }).code === 'not_found');
  } finally {
    await persona.close();
  }
});

test('two turns recorded at once with a new face found one person, not two', async () => {
  const persona = await personaWith([analysis({ faces: [face(bob)] }), analysis({ faces: [face(bob)] })]);
  try {
    const [first, second] = await Promise.all([record(persona, 'v', 'one', 0, await sceneBall()), record(persona, 'v', 'two', 0.01, await sceneDoor())]);
    const ids = await Promise.all([first, second].map(async (turn) => (await internalsOf(persona).store.images.get('v', turn.images[0]!))?.analysis?.faces[0]?.personId));
    assert.deepEqual(ids, ['person-1', 'person-1']);
    assert.equal((await internalsOf(persona).store.persons.list('v')).length, 1);
    const report = await internalsOf(persona).store.users.delete('v');
    assert.equal(report.rowsDeleted.persons, 1);
    assert.deepEqual(report.leftovers, []);
  } finally {
    await persona.close();
  }
});

test('a failing image embedder is a warning, never a lost turn', async () => {
  const store = await openTestStore();
  const persona = createPersona({ store, model: null, vision: false, embedder: null, imageEmbedder: { modelId: 'broken', dimensions: 3, embedImages: async () => { throw new Error('GPU fell off'); } } });
  const warnings: string[] = [];
  persona.events.on((event) => { if (event.type === 'warning') warnings.push(String(event.code)); });
  try {
    await persona.open();
    const turn = await record(persona, 'w', 'the door again', 0, await sceneDoor());
    assert.ok(await internalsOf(persona).store.turns.get('w', turn.id));
    assert.ok(warnings.includes('image_embedding_failed'), warnings.join(', '));
  } finally {
    await persona.close();
  }
});

test('real photos through the real face detector: the astronaut twice is one person, the cameraman another', async (t) => {
  const astronaut = photo('astronaut.png');
  const camera = photo('camera.png');
  if (!astronaut || !camera) return t.skip(PHOTOS_MISSING);
  const persona = createPersona({ store: await openTestStore(), model: null, embedder: null, config: { vision: { analyzers: ['faces', 'vector'] } } });
  try {
    await persona.open();
    // A re-encoded, smaller copy: different bytes (another image row), the same face.
    const again = new Uint8Array(await sharp(astronaut).resize(400).jpeg({ quality: 85 }).toBuffer());
    const turns = [];
    for (const [index, bytes] of [astronaut, camera, again].entries()) turns.push(await record(persona, 'p', `photo ${index}`, index, bytes));
    const ids = [];
    for (const turn of turns) ids.push((await internalsOf(persona).store.images.get('p', turn.images[0]!))?.analysis?.faces.map((f) => f.personId));
    assert.deepEqual(ids, [['person-1'], ['person-2'], ['person-1']]);
    await persona.persons.name('p', 'person-1', 'Eileen');
    const found = await recall(persona, 'p', 'Eileen');
    assert.ok(found.items[0]?.sourceTurnIds.includes(turns[0]!.id) || found.items[0]?.sourceTurnIds.includes(turns[2]!.id));
  } finally {
    await persona.close();
  }
});
