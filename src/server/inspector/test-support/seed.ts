// A person for the inspector's browser tests: turns over two weeks with three photographs, memories with
// provenance (a photo region among them) and history (superseded and retired versions, by which turn), a
// Big Five trajectory, a named face, and an update queue with a pending, a running and a failed job.
// Turns and photos go through persona.recordTurn (the real intake); what the update phase would write with a
// chat model and the offline analyzers is written to the store directly, as those tests do not run a model.
import sharp from 'sharp';
import type { Persona } from '../../../persona.ts';
import { internalsOf } from '../../../persona.ts';
import type { BigFive, ImageAnalysis, Turn } from '../../../memory/types.ts';
import { enqueueSessionJob, turnJob } from '../../../remember/jobs.ts';
import { photo } from '../../../vision/test-images.ts';

export interface SeededPerson {
  userId: string;
  turns: Turn[];
  photos: { cat: string; astronaut: string; coffee: string };
  memories: { city: string; cat: string; run: string };
}

const TURNS: Array<{ at: string; role?: 'user' | 'assistant'; text: string; photo?: 'chelsea.png' | 'astronaut.png' | 'coffee.png' }> = [
  { at: '2026-03-01T09:00:00Z', text: 'Hi, I am Ana Lima. I work as a nurse at Santa Maria hospital and I live in Lisbon.' },
  { at: '2026-03-01T09:00:20Z', role: 'assistant', text: 'Nice to meet you, Ana! Nursing at Santa Maria must keep you busy.' },
  { at: '2026-03-01T09:05:00Z', text: 'This is my cat Miso on the sofa.', photo: 'chelsea.png' },
  { at: '2026-03-03T07:10:00Z', text: 'I run 5 km every morning before my shift.' },
  { at: '2026-03-08T15:30:00Z', text: 'Me at the space museum today, in the astronaut suit they let visitors try on!', photo: 'astronaut.png' },
  { at: '2026-03-10T08:15:00Z', text: 'Morning coffee at the new café near the hospital.', photo: 'coffee.png' },
  { at: '2026-03-15T19:00:00Z', text: 'Big news: I moved to Porto last week, I now work at São João hospital.' },
  { at: '2026-03-15T19:02:00Z', text: 'I stopped running, my knee hurts. I swim twice a week instead.' },
];

const traits = (o: number, c: number, e: number, a: number, n: number): BigFive => ({ openness: o, conscientiousness: c, extraversion: e, agreeableness: a, neuroticism: n });

const ANALYSES: Record<string, ImageAnalysis> = {
  'chelsea.png': { ocrText: '', objects: [{ label: 'cat', score: 0.94, box: { x: 70, y: 20, width: 300, height: 270 }, colors: ['orange', 'brown'] }], faces: [], colors: ['brown', 'orange'], caption: null, analyzers: { ocr: 'ok', objects: 'ok', faces: 'ok' } },
  'astronaut.png': {
    ocrText: 'NASA',
    objects: [{ label: 'person', score: 0.97, box: { x: 40, y: 20, width: 440, height: 490 }, colors: ['white'] }, { label: 'flag', score: 0.71, box: { x: 0, y: 0, width: 120, height: 200 }, colors: ['red', 'blue'] }],
    faces: [{ box: { x: 165, y: 55, width: 120, height: 150 }, score: 0.98, personId: 'person-1' }],
    colors: ['white', 'gray'],
    caption: null,
    analyzers: { ocr: 'ok', objects: 'ok', faces: 'ok' },
  },
  'coffee.png': { ocrText: '', objects: [{ label: 'cup', score: 0.91, box: { x: 150, y: 60, width: 300, height: 260 }, colors: ['white'] }], faces: [], colors: ['brown', 'white'], caption: null, analyzers: { ocr: 'ok', objects: 'ok', faces: 'ok' } },
};

/** Null when the test photographs are not installed (the caller skips with PHOTOS_MISSING). */
export async function seedPerson(persona: Persona, userId: string): Promise<SeededPerson | null> {
  const { store } = internalsOf(persona);
  const turns: Turn[] = [];
  const shas: Record<string, string> = {};
  for (const turn of TURNS) {
    const bytes = turn.photo ? photo(turn.photo) : null;
    if (turn.photo && !bytes) return null;
    const recorded = await persona.recordTurn({ userId, role: turn.role ?? 'user', text: turn.text, at: new Date(turn.at), images: bytes ? [{ bytes, path: turn.photo }] : [] });
    turns.push(recorded.turn);
    if (turn.photo) shas[turn.photo] = recorded.turn.images[0]!;
  }
  for (const [name, analysis] of Object.entries(ANALYSES)) await store.images.setAnalysis(userId, shas[name]!, analysis);
  await store.persons.upsertMany(userId, [{ id: 'person-1', centroid: [1, 0, 0, 0], count: 1 }]);
  await store.persons.rename(userId, 'person-1', 'Ana');

  const [intro, , cat, run, museum, coffee, move, swim] = turns as [Turn, Turn, Turn, Turn, Turn, Turn, Turn, Turn];
  const memories = store.memories;
  await memories.add(userId, { type: 'core', key: 'name', content: 'Name: Ana Lima', detail: { value: 'Ana Lima' }, sourceTurnIds: [intro.id], validFrom: intro.at });
  const job = await memories.add(userId, { type: 'core', key: 'occupation', content: 'Occupation: nurse at Santa Maria hospital', detail: { value: 'nurse at Santa Maria hospital' }, sourceTurnIds: [intro.id], validFrom: intro.at });
  await memories.supersede(userId, job.id, { type: 'core', key: 'occupation', content: 'Occupation: nurse at São João hospital', detail: { value: 'nurse at São João hospital' }, sourceTurnIds: [move.id], validFrom: move.at }, move.id);
  const lisbon = await memories.add(userId, { type: 'semantic', key: 'home_city', content: 'Ana lives in Lisbon.', keywords: ['Lisbon', 'home'], detail: { category: 'fact' }, sourceTurnIds: [intro.id], validFrom: intro.at });
  const porto = await memories.supersede(userId, lisbon.id, { type: 'semantic', key: 'home_city', content: 'Ana lives in Porto.', keywords: ['Porto', 'home', 'moved'], detail: { category: 'fact' }, sourceTurnIds: [move.id], validFrom: move.at }, move.id);
  const miso = await memories.add(userId, {
    type: 'semantic',
    content: 'Ana has a ginger tabby cat called Miso.',
    keywords: ['cat', 'Miso', 'pet'],
    detail: { category: 'fact' },
    sourceTurnIds: [cat.id],
    sourceRegions: [{ imageSha256: shas['chelsea.png']!, box: ANALYSES['chelsea.png']!.objects[0]!.box, label: 'cat' }],
    validFrom: cat.at,
  });
  await memories.add(userId, { type: 'episodic', content: 'Ana visited the space museum and tried on an astronaut suit.', keywords: ['space museum', 'astronaut'], sourceTurnIds: [museum.id], eventTime: { from: new Date('2026-03-08T00:00:00Z'), to: new Date('2026-03-09T00:00:00Z') }, validFrom: museum.at });
  await memories.add(userId, { type: 'episodic', content: 'Ana had coffee at the new café near the hospital.', keywords: ['coffee', 'café'], sourceTurnIds: [coffee.id], validFrom: coffee.at });
  const running = await memories.add(userId, { type: 'procedural', key: 'morning_run', content: 'Runs 5 km every morning before her shift.', sourceTurnIds: [run.id], validFrom: run.at });
  await memories.retire(userId, running.id, swim.id, swim.at);
  await memories.add(userId, { type: 'procedural', key: 'swimming', content: 'Swims twice a week (since her knee started hurting).', sourceTurnIds: [swim.id], validFrom: swim.at });
  await memories.add(userId, { type: 'procedural', key: 'goal_settle_in_porto', content: 'Goal: settle in Porto and find a swimming club.', sourceTurnIds: [move.id, swim.id], validFrom: swim.at });

  const scored: Array<[Turn | null, BigFive, BigFive | null]> = [
    [null, traits(3, 3, 3, 3, 3), null],
    [intro, traits(3.2, 3.3, 3.1, 3.3, 2.9), traits(4, 4.5, 3.5, 4.5, 2.5)],
    [cat, traits(3.4, 3.3, 3.2, 3.6, 2.8), traits(4, 3.5, 3.5, 4.5, 2.5)],
    [run, traits(3.4, 3.7, 3.2, 3.6, 2.7), traits(3.5, 5, 3, 3.5, 2.5)],
    [museum, traits(3.9, 3.6, 3.6, 3.6, 2.6), traits(5, 3.5, 4.5, 3.5, 2.5)],
    [coffee, traits(3.8, 3.6, 3.5, 3.7, 2.6), traits(3.5, 3.5, 3, 4, 2.5)],
    [move, traits(4, 3.5, 3.6, 3.6, 3), traits(4.5, 3, 4, 3.5, 4)],
    [swim, traits(3.9, 3.6, 3.5, 3.6, 3.3), traits(3.5, 4, 3, 3.5, 4)],
  ];
  for (const [index, [turn, values, inferred]] of scored.entries()) {
    await store.personality.append(userId, { interactions: index, turnId: turn?.id ?? null, at: turn?.at ?? new Date('2026-03-01T08:59:00Z'), traits: values, inferred });
  }

  // The queue (recordTurn queues no job without a model, so the update jobs of the user's turns are queued here, as
  // a server with a model does): the oldest failed for good (its model endpoint was down), the next one is running.
  const deps = internalsOf(persona).rememberDeps;
  for (const turn of turns.filter((candidate) => candidate.role === 'user')) await store.jobs.enqueue(userId, turnJob(deps, turn.id));
  await enqueueSessionJob(deps, store, userId, intro.sessionId);
  // (A day ahead: jobs of turns with photos wait a while for the analyzers before they are due.)
  const due = new Date(Date.now() + 24 * 3600_000);
  const [failed] = await store.jobs.claim('worker-a', 1, 60 * 60_000, due, userId);
  if (!failed) throw new Error('seedPerson: recording the turns queued no update job to fail');
  await store.jobs.fail(userId, failed!.id, 'worker-a', 'model_call_failed: the model endpoint http://127.0.0.1:11434/v1 answered 503 Service Unavailable', null);
  await store.jobs.claim('worker-b', 1, 60 * 60_000, due, userId);
  return { userId, turns, photos: { cat: shas['chelsea.png']!, astronaut: shas['astronaut.png']!, coffee: shas['coffee.png']! }, memories: { city: porto.id, cat: miso.id, run: running.id } };
}

/** A distinct small photograph (its colour encodes `n`), as the intake stores one. */
async function numberedPhoto(n: number): Promise<{ bytes: Uint8Array; width: number; height: number }> {
  const background = { r: n & 255, g: (n >> 8) & 255, b: 96 + ((n >> 16) & 127) };
  const bytes = await sharp({ create: { width: 96, height: 64, channels: 3, background } }).png().toBuffer();
  return { bytes: new Uint8Array(bytes), width: 96, height: 64 };
}

/** What the analyzers would have read in photo `n`: its ticket number, a cup, and Ana's face when `face`. */
const numberedAnalysis = (n: number, face: boolean): ImageAnalysis => ({
  ocrText: `TICKET ${n}`,
  objects: [{ label: 'cup', score: 0.9, box: { x: 30, y: 10, width: 40, height: 44 }, colors: ['white'] }],
  faces: face ? [{ box: { x: 8, y: 8, width: 24, height: 30 }, score: 0.95, personId: 'person-1' }] : [],
  colors: ['blue'],
  caption: null,
  analyzers: { ocr: 'ok', objects: 'ok', faces: 'ok' },
});

export interface ManyTurns {
  /** Turns per session (default 100). */
  perSession?: number;
  /**
   * Turn #1 and every `photoEvery`-th after it carry a distinct photo, analysed (none when 0, the default); every
   * tenth photo shows Ana's face (person-1).
   */
  photoEvery?: number;
}

/**
 * `count` turns in sessions, stored with the bulk append (seconds, not minutes, for 3,000), with photos if asked.
 * Returns each photo's sha256 by the seq of the turn that carries it.
 */
export async function seedManyTurns(persona: Persona, userId: string, count: number, { perSession = 100, photoEvery = 0 }: ManyTurns = {}): Promise<Map<number, string>> {
  const { store } = internalsOf(persona);
  await store.users.ensure(userId);
  const photos = new Map<number, string>();
  let faces = 0;
  const start = Date.parse('2025-01-01T08:00:00Z');
  for (let first = 0; first < count; first += perSession) {
    const startedAt = new Date(start + first * 60_000 * 10);
    const session = await store.sessions.create(userId, startedAt);
    const turns = await Promise.all(Array.from({ length: Math.min(perSession, count - first) }, async (_, offset) => {
      const seq = first + offset + 1;
      let images: string[] = [];
      if (photoEvery > 0 && (seq - 1) % photoEvery === 0) {
        const { bytes, width, height } = await numberedPhoto(seq);
        const image = await store.images.put(userId, bytes, { mime: 'image/png', width, height });
        const face = ((seq - 1) / photoEvery) % 10 === 9;
        await store.images.setAnalysis(userId, image.sha256, numberedAnalysis(seq, face));
        faces += face ? 1 : 0;
        photos.set(seq, image.sha256);
        images = [image.sha256];
      }
      return {
        sessionId: session.id,
        role: (first + offset) % 2 === 0 ? ('user' as const) : ('assistant' as const),
        text: `Message number ${seq} of the long history.`,
        at: new Date(startedAt.getTime() + offset * 60_000),
        images,
      };
    }));
    await store.turns.appendMany(userId, turns);
  }
  if (faces > 0) {
    await store.persons.upsertMany(userId, [{ id: 'person-1', centroid: [1, 0, 0, 0], count: faces }]);
    await store.persons.rename(userId, 'person-1', 'Ana');
  }
  return photos;
}

/** `count` live semantic memories, "Memory number N of many." said a minute apart (N from 1), in list order. */
export async function seedManyMemories(persona: Persona, userId: string, count: number): Promise<void> {
  const { store } = internalsOf(persona);
  await store.users.ensure(userId);
  const start = Date.parse('2025-01-01T08:00:00Z');
  for (let n = 1; n <= count; n += 1) {
    await store.memories.add(userId, { type: 'semantic', content: `Memory number ${n} of many.`, keywords: [`n${n}`], validFrom: new Date(start + n * 60_000) });
  }
}
