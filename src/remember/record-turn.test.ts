import { test } from 'node:test';
import { createRetriever } from '../retrieval/index.ts';
import assert from 'node:assert/strict';
import { InvalidImageError } from '../errors/index.ts';
import { BackpressureError } from './errors.ts';
import { cropRegion } from '../vision/crop-region.ts';
import { recordTurn } from './record-turn.ts';
import { closeSession } from './session-boundary.ts';
import { createFakeChat } from './test-support/fake-chat.ts';
import { testDeps } from './test-support/deps.ts';
import sharp from 'sharp';
import { openTestStore } from '../test/test-store.ts';

const at = (minutes: number) => new Date(Date.UTC(2024, 0, 1, 9, 0) + minutes * 60_000);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

test('without a model: turns are stored and enriched, no job is queued, one warning says a model is needed', async (t) => {
  const { deps, warnings } = await testDeps(t);
  const { turn: first } = await recordTurn(deps, { userId: 'u1', role: 'user', text: 'I adopted a puppy named Biscuit yesterday', at: at(0) });
  await recordTurn(deps, { userId: 'u1', role: 'assistant', text: 'Congratulations!', at: at(1) });
  await recordTurn(deps, { userId: 'u1', role: 'user', text: 'She loves carrots', at: at(2) });
  const stored = await deps.store.turns.get('u1', first.id);
  assert.ok(stored?.enrichment?.keywords.includes('biscuit'), 'enrichment is stored with the turn');
  assert.equal(await deps.store.jobs.pendingCount('u1'), 0);
  assert.equal(warnings('memory_model_missing').length, 1, 'warned once, not per turn');
  const found = await createRetriever({ store: deps.store }).recall({ userId: 'u1', query: 'puppy Biscuit', at: at(3), budgetTokens: 200 });
  assert.ok(found.items[0]?.sourceTurnIds.includes(first.id), 'the current session is recalled at once');
});

test('sessions split on the configured gap; the closed session and user turns get idempotent jobs', async (t) => {
  const chat = createFakeChat({});
  const { deps } = await testDeps(t, { chat, config: { sessionGapMinutes: 30 } });
  const { turn: a } = await recordTurn(deps, { userId: 'u1', role: 'user', text: 'hello', at: at(0) });
  const { turn: b } = await recordTurn(deps, { userId: 'u1', role: 'assistant', text: 'hi', at: at(30) });
  const { turn: c } = await recordTurn(deps, { userId: 'u1', role: 'user', text: 'back again', at: at(61) });
  assert.equal(a.sessionId, b.sessionId);
  assert.notEqual(b.sessionId, c.sessionId);
  const first = await deps.store.sessions.get('u1', a.sessionId);
  assert.deepEqual(first?.closedAt, at(30), 'closed at its last turn');
  const jobs = await deps.store.jobs.list('u1');
  assert.deepEqual(jobs.map((j) => j.dedupeKey).sort(), [`session:${a.sessionId}`, `turn:${a.id}`, `turn:${c.id}`].sort());
  assert.equal(chat.calls.length, 0, 'no model call happens while recording');
  await closeSession(deps, 'u1');
  assert.equal(await closeSession(deps, 'u1'), null, 'nothing left open');
  assert.equal((await deps.store.jobs.list('u1')).length, 4);
});

test('an undecodable image drops only itself: the text and the good image are stored, the result and a warning say what was dropped', async (t) => {
  const { deps, warnings } = await testDeps(t);
  deps.vision = {
    crop: cropRegion,
    prepare: async (bytes) => {
      if (bytes[0] !== 0x89) throw new InvalidImageError('Input buffer contains unsupported image format');
      return { bytes, mime: 'image/png', width: 4, height: 3 };
    },
    analyze: async () => ({ ocrText: 'OPEN 24H', objects: [], faces: [], colors: ['red'], caption: null, analyzers: { ocr: 'ok' } }),
  };
  const recorded = await recordTurn(deps, {
    userId: 'u1',
    role: 'user',
    text: 'my new shop sign',
    at: at(0),
    images: [{ bytes: PNG }, { bytes: new Uint8Array([1, 2, 3]), path: 'broken.jpg' }],
  });
  assert.deepEqual(recorded.rejectedImages.map(({ index, path }) => ({ index, path })), [{ index: 1, path: 'broken.jpg' }]);
  assert.match(recorded.rejectedImages[0]!.reason, /unsupported image format/);
  const [warning] = warnings('image_rejected') as { message: string }[];
  assert.match(warning?.message ?? '', /turn text was stored.*broken\.jpg/);
  const turn = await deps.store.turns.get('u1', recorded.turn.id);
  assert.equal(turn?.text, 'my new shop sign');
  assert.equal(turn?.images.length, 1);
  assert.match(turn?.enrichment?.imageText ?? '', /OPEN 24H/, 'the analysed image feeds search');
  assert.equal(warnings('image_rejected').length, 1);
});

test('backpressure throws a typed error when configured to, and waits otherwise', async (t) => {
  const chat = createFakeChat({});
  const { deps } = await testDeps(t, { chat, config: { maxPendingJobsPerUser: 2, onBackpressure: 'throw' } });
  await recordTurn(deps, { userId: 'u1', role: 'user', text: 'one', at: at(0) });
  await recordTurn(deps, { userId: 'u1', role: 'user', text: 'two', at: at(1) });
  await assert.rejects(recordTurn(deps, { userId: 'u1', role: 'user', text: 'three', at: at(2) }), BackpressureError);
  await recordTurn(deps, { userId: 'u2', role: 'user', text: 'other users are not blocked', at: at(2) });

  deps.config = { ...deps.config, onBackpressure: 'wait', backpressureTimeoutMs: 2000 };
  const waiting = recordTurn(deps, { userId: 'u1', role: 'user', text: 'three', at: at(2) });
  const [job] = await deps.store.jobs.claim('w', 1, 60_000, new Date(), 'u1');
  await deps.store.jobs.complete('u1', job!.id, 'w');
  assert.equal((await waiting).turn.text, 'three');
  deps.config = { ...deps.config, backpressureTimeoutMs: 60 };
  await assert.rejects(recordTurn(deps, { userId: 'u1', role: 'user', text: 'four', at: at(3) }), /maxPendingJobsPerUser/);
});

test('invalid input is refused before anything is stored', async (t) => {
  const { deps } = await testDeps(t);
  await assert.rejects(recordTurn(deps, { userId: '', role: 'user', text: 'x', at: at(0) }), /userId/);
  await assert.rejects(recordTurn(deps, { userId: 'u', role: 'user', text: 'x', at: new Date('nope') }), /valid Date/);
  assert.deepEqual(await deps.store.users.list(), []);
});

test('a user deleted while their photo is still being analysed stays deleted: no row, crop, vector or blob comes back', async (t) => {
  const store = await openTestStore();
  let release: () => void = () => undefined;
  const analysing = new Promise<void>((resolve) => (release = resolve));
  let started: () => void = () => undefined;
  const analysisStarted = new Promise<void>((resolve) => (started = resolve));
  const object = { label: 'cup', score: 0.9, box: { x: 0, y: 0, width: 16, height: 16 }, colors: ['red'] };
  const { deps, warnings } = await testDeps(t, { store });
  deps.vision = {
    crop: cropRegion,
    prepare: async (bytes) => ({ bytes, mime: 'image/png', width: 32, height: 32 }),
    analyze: async () => {
      started();
      await analysing;
      return { ocrText: 'RECEIPT', objects: [object], faces: [], colors: ['red'], caption: null, analyzers: { ocr: 'ok', objects: 'ok' } };
    },
  };
  deps.imageEmbedder = { modelId: 'layout', dimensions: 3, embedImages: async (images) => images.map(() => [1, 0, 0]) };
  try {
    const png = new Uint8Array(await sharp({ create: { width: 32, height: 32, channels: 3, background: { r: 200, g: 0, b: 0 } } }).png().toBuffer());
    const recording = recordTurn(deps, { userId: 'gone', role: 'user', text: 'my receipt', images: [{ bytes: png }], at: at(0) });
    await analysisStarted;
    const report = await store.users.delete('gone');
    assert.deepEqual(report.leftovers, []);
    release();
    await recording;
    assert.equal(await store.users.get('gone'), null, 'the user was not re-created');
    assert.deepEqual((await store.users.list()).filter((user) => user.id === 'gone'), []);
    assert.equal((await store.images.list('gone')).length, 0);
    assert.ok(warnings('turn_deleted').length + warnings('image_analysis_failed').length + warnings('image_embedding_failed').length > 0, 'the lost work is reported');
  } finally {
    await store.close();
  }
});

test('a live user turn costs at most 5 statements once its session is open (BEGIN and COMMIT included)', async (t) => {
  const statements: string[] = [];
  const store = await openTestStore({ onStatement: (sql) => statements.push(sql.replace(/\s+/g, ' ').trim().slice(0, 60)) });
  try {
    const { deps } = await testDeps(t, { store, chat: createFakeChat({}) });
    await recordTurn(deps, { userId: 'live', role: 'user', text: 'I started a new job today', at: at(0) });
    for (let minute = 1; minute <= 5; minute += 1) {
      statements.length = 0;
      await recordTurn(deps, { userId: 'live', role: minute % 2 ? 'assistant' : 'user', text: `turn ${minute} about the new job`, at: at(minute) });
      // begin | the open session | the turn (seq, session bump, row: one statement) | its job | commit
      assert.ok(statements.length <= 5, `turn ${minute}: ${statements.length} statements: ${statements.join(' | ')}`);
    }
    assert.equal((await store.turns.list('live')).length, 6);
    assert.equal((await store.jobs.list('live')).length, 3, 'one job per user turn, none for the assistant');
  } finally {
    await store.close();
  }
});
