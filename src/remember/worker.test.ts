import { test } from 'node:test';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import assert from 'node:assert/strict';
import { ModelCallError } from '../errors/index.ts';
import { recordTurn } from './record-turn.ts';
import { createUpdateWorker } from './worker.ts';
import { createFakeChat } from './test-support/fake-chat.ts';
import { testDeps } from './test-support/deps.ts';

const at = (minutes: number) => new Date(Date.UTC(2024, 2, 4, 8, 0) + minutes * 60_000);
const turnOutput = (memories: object[], personality: object = { openness: 4, conscientiousness: 3, extraversion: 2, agreeableness: 3, neuroticism: 5 }) =>
  JSON.stringify({ personality, memories });
const dogMax = { reason: 'pet', decision: 'store', category: 'fact', key: 'pet.dog.name', content: 'User has a dog named Max.', keywords: ['dog', 'Max'] };

test('fixed budget: one call per user turn scores PEM and writes grounded, consolidated memories with provenance', async (t) => {
  const chat = createFakeChat({
    'remember.turn': [
      turnOutput([dogMax, { reason: 'invented', decision: 'store', category: 'fact', content: 'User owns a red Ferrari.', keywords: ['car'] }]),
      turnOutput([{ ...dogMax, category: 'correction', content: 'User has a dog named Rex, not Max.', keywords: ['dog', 'Rex'] }], { openness: 3, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 }),
      turnOutput([{ ...dogMax, key: null, content: 'The user has a dog named Rex, not Max' }]),
    ],
  });
  const { deps, warnings } = await testDeps(t, { chat });
  const { turn: first } = await recordTurn(deps, { userId: 'u', role: 'user', text: 'My dog Max woke me up at 5 again', at: at(0) });
  await recordTurn(deps, { userId: 'u', role: 'assistant', text: 'Poor you!', at: at(1) });
  const { turn: second } = await recordTurn(deps, { userId: 'u', role: 'user', text: 'Sorry, his name is Rex, Max was my old dog', at: at(2) });
  await recordTurn(deps, { userId: 'u', role: 'user', text: 'Rex is my dog', at: at(3) });
  await createUpdateWorker(deps).drain('u');

  assert.equal(chat.calls.length, 3, 'one call per user turn, none for the assistant turn');
  assert.match(chat.calls[1]!.messages[1]!.content, /\[pet\.dog\.name\] User has a dog named Max\./, 'known memories are shown with their keys');
  const live = await deps.store.memories.list('u', { types: ['semantic'] });
  assert.deepEqual(live.map((m) => m.content), ['User has a dog named Rex, not Max.'], 'the invented memory was dropped; the duplicate was a no-op');
  assert.equal(warnings('memory_ungrounded').length, 1);
  const [old] = await deps.store.memories.list('u', { types: ['semantic'], status: ['superseded'] });
  assert.equal(old?.content, 'User has a dog named Max.');
  assert.equal(old?.supersededByTurnId, second.id);
  assert.deepEqual(live[0]!.sourceTurnIds, [second.id]);
  assert.equal(live[0]!.detail.job, `turn:${second.id}`);

  const points = await deps.store.personality.history('u');
  assert.deepEqual(points.map((p) => [p.interactions, p.turnId]), [[1, first.id], [2, second.id], [3, points[2]!.turnId]]);
  assert.deepEqual(points[0]!.traits, { openness: 3.5, conscientiousness: 3, extraversion: 2.5, agreeableness: 3, neuroticism: 4 });
  assert.deepEqual(points[1]!.traits, points[0]!.traits, 'all-3 scores are no evidence');
});

test('paper budget: two separate calls per user turn', async (t) => {
  const chat = createFakeChat({
    'remember.personality': ['{"openness": 5, "conscientiousness": 3, "extraversion": 3, "agreeableness": 3, "neuroticism": 3}'],
    'remember.semantic': [JSON.stringify({ memories: [dogMax] })],
  });
  const { deps } = await testDeps(t, { chat, config: { writeBudget: 'paper' } });
  await recordTurn(deps, { userId: 'u', role: 'user', text: 'My dog Max is great', at: at(0) });
  await createUpdateWorker(deps).drain();
  assert.deepEqual(chat.calls.map((c) => c.purpose), ['remember.personality', 'remember.semantic']);
  assert.equal((await deps.store.memories.list('u')).length, 1);
  assert.equal((await deps.store.personality.latest('u'))?.traits.openness, 4);
});

test('a retryable model failure is retried with backoff; an unusable output fails the job visibly', async (t) => {
  const chat = createFakeChat({
    'remember.turn': (_request, index) => {
      if (index === 0) throw new ModelCallError('endpoint returned 503', { isRetryable: true });
      if (index === 1) return turnOutput([dogMax]);
      return 'I am sorry, I cannot do that.';
    },
  });
  const { deps, events, warnings } = await testDeps(t, { chat });
  await recordTurn(deps, { userId: 'u', role: 'user', text: 'My dog Max is great', at: at(0) });
  const worker = createUpdateWorker(deps, { retry: { baseMs: 5 } });
  await worker.drain('u');
  const [done] = await deps.store.jobs.list('u');
  assert.equal(done?.status, 'done');
  assert.equal(done?.attempts, 2);
  assert.equal(events.filter((e) => e.type === 'job_retry').length, 1);

  await recordTurn(deps, { userId: 'u', role: 'user', text: 'Max loves the beach', at: at(1) });
  await worker.drain('u');
  const failed = await deps.store.jobs.list('u', ['failed']);
  assert.equal(failed.length, 1);
  assert.equal(failed[0]!.attempts, 1, 'a rejected output is not retried');
  assert.equal(warnings('model_output_rejected').length, 1);
  assert.equal(warnings('job_failed').length, 1);
  assert.equal((await deps.store.memories.list('u')).length, 1, 'no memory was made up for the failed turn');
});

test('a worker that stalls mid-job loses its lease; the job is redone once and the stale result is discarded', async (t) => {
  let releaseStalled: (text: string) => void = () => {};
  const chat = createFakeChat({
    'remember.turn': (_request, index) =>
      index === 0 ? new Promise<string>((resolve) => (releaseStalled = resolve)) : turnOutput([dogMax]),
  });
  const { deps, warnings } = await testDeps(t, { chat });
  await recordTurn(deps, { userId: 'u', role: 'user', text: 'My dog Max is great', at: at(0) });

  const crashed = createUpdateWorker(deps, { leaseMs: 40, pollMs: 5, workerId: 'crashed', concurrency: 1 });
  crashed.start();
  while (chat.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  // The first worker is stuck inside its model call; a second one takes over after the lease expires.
  await createUpdateWorker(deps, { workerId: 'rescuer', pollMs: 10 }).drain('u');
  assert.equal(chat.calls.length, 2);
  releaseStalled(turnOutput([dogMax]));
  await crashed.stop();

  assert.equal((await deps.store.memories.list('u', { status: ['active', 'superseded'] })).length, 1, 'not duplicated');
  assert.equal((await deps.store.personality.history('u')).length, 1, 'PEM applied once');
  assert.equal(warnings('job_lease_lost').length, 1);
  const [job] = await deps.store.jobs.list('u');
  assert.equal(job?.status, 'done');
});

test('an attached image goes to the model as an image part; an image-object memory keeps its region', async (t) => {
  const png = new Uint8Array(await readFile(new URL('../datasets/persona-mme/__fixtures__/samples/50/0/laptop_mouse.png', import.meta.url)));
  const chat = createFakeChat({
    'remember.turn': [
      turnOutput([{ reason: 'their pet', decision: 'store', category: 'image_object', key: 'pet.dog', content: '[Max] (Image Object: dog)', keywords: ['Max', 'dog'], image: 1, box: [12, 30, 200, 150] }]),
    ],
  });
  const { deps } = await testDeps(t, { chat });
  const { turn: turn } = await recordTurn(deps, { userId: 'u', role: 'user', text: 'Meet my buddy!', at: at(0), images: [{ bytes: png }] });
  await createUpdateWorker(deps).drain('u');
  assert.equal(chat.calls[0]!.messages[1]!.images?.length, 1);
  assert.match(chat.calls[0]!.messages[1]!.content, /Image 1: 8x8 px/, 'without a vision module the size comes from the header');
  assert.deepEqual(chat.calls[0]!.messages[1]!.images?.[0]?.bytes, png);
  const [memory] = await deps.store.memories.list('u');
  assert.deepEqual(memory?.sourceRegions, [{ imageSha256: turn.images[0], box: { x: 12, y: 30, width: 200, height: 150 }, label: 'Max' }]);
  assert.deepEqual([memory?.detail.objectName, memory?.detail.objectCategory], ['Max', 'dog']);
});

test('a job leased by a worker that died on this host (kill -9) is taken back at once, not after its lease', async (t) => {
  const chat = createFakeChat({ 'remember.turn': [turnOutput([dogMax])] });
  const { deps, warnings } = await testDeps(t, { chat });
  await recordTurn(deps, { userId: 'u', role: 'user', text: 'My dog Max woke me up at 5 again', at: at(0) });
  // A worker of a process that no longer exists claimed it with the default five-minute lease.
  const dead = `${hostname()}/${2 ** 22 + 777}/deadbeef`;
  const [claimed] = await deps.store.jobs.claim(dead, 1, 300_000);
  assert.ok(claimed);
  // Without recovery the drain would wait out the five-minute lease: fail fast instead of hanging.
  let guard: NodeJS.Timeout | undefined;
  await Promise.race([
    createUpdateWorker(deps, { pollMs: 10 }).drain('u'),
    new Promise((_, reject) => (guard = setTimeout(() => reject(new Error('drain waited on the dead worker\'s lease')), 60_000))),
  ]).finally(() => clearTimeout(guard));
  assert.equal(chat.calls.length, 1);
  assert.equal((await deps.store.jobs.list('u', ['done'])).length, 1);
  assert.match(String(warnings('job_lease_recovered')[0]?.message), /no longer running on this host/);
  // Another host's lease is not ours to judge: it is left to expire.
  const other = `other-host/${process.pid}/cafe`;
  await recordTurn(deps, { userId: 'v', role: 'user', text: 'hello', at: at(5) });
  await deps.store.jobs.claim(other, 1, 300_000, new Date(), 'v');
  assert.deepEqual(await deps.store.jobs.leaseHolders(), [other]);
});
