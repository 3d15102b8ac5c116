import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordTurn } from './record-turn.ts';
import { closeSession } from './session-boundary.ts';
import { createUpdateWorker } from './worker.ts';
import { createFakeChat } from './test-support/fake-chat.ts';
import { testDeps } from './test-support/deps.ts';

const at = (hours: number) => new Date(Date.UTC(2024, 5, 1, 9) + hours * 3_600_000);
const noTurnMemories = JSON.stringify({ personality: { openness: 3, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 }, memories: [] });

const firstSession = {
  episodes: [{ summary: 'Anna said she trains for a marathon by running every Thursday morning.', keywords: ['marathon', 'running'], turns: [0, 1] }],
  procedural: [
    { key: 'thursday_run', content: 'User runs every Thursday morning.' },
    { key: 'marathon_goal', content: 'User is training for the Berlin marathon.' },
  ],
  core: { identity: { name: 'Anna', occupation: 'nurse', age: null }, preferences: ['running', 'jazz'] },
};
const secondSession = {
  episodes: [{ summary: 'Anna finished the Berlin marathon and now swims on Mondays.', keywords: ['marathon', 'swimming'], turns: [0] }],
  // The goal is completed and dropped; the run is kept unchanged; a new habit appears.
  procedural: [
    { key: 'thursday_run', content: 'User runs every Thursday morning.' },
    { key: 'monday_swim', content: 'User swims every Monday evening.' },
  ],
  core: { identity: { name: 'Anna', occupation: 'head nurse' }, preferences: ['running', 'swimming', 'jazz'] },
};

test('fixed budget: one call per session writes episodes with turn provenance, rewrites habits and the profile', async (t) => {
  const chat = createFakeChat({ 'remember.turn': Array(3).fill(noTurnMemories), 'remember.session': [JSON.stringify(firstSession), JSON.stringify(secondSession)] });
  const { deps, events } = await testDeps(t, { chat });
  const { turn: t1 } = await recordTurn(deps, { userId: 'u', role: 'user', text: 'I run every Thursday morning for my Berlin marathon', at: at(0) });
  const { turn: t2 } = await recordTurn(deps, { userId: 'u', role: 'assistant', text: 'Great, I will remember your training.', at: at(0.1) });
  await recordTurn(deps, { userId: 'u', role: 'user', text: 'By the way I am a nurse, my name is Anna', at: at(0.2) });
  const { turn: t4 } = await recordTurn(deps, { userId: 'u', role: 'user', text: 'I finished Berlin! Now I swim on Mondays. Got promoted to head nurse too.', at: at(30) });
  await closeSession(deps, 'u');
  await createUpdateWorker(deps).drain('u');

  assert.equal(chat.callsFor('remember.session').length, 2, 'one call per session');
  assert.match(chat.callsFor('remember.session')[1]!.messages[1]!.content, /\[marathon_goal\] User is training/, 'current habits are shown');
  const episodes = await deps.store.memories.list('u', { types: ['episodic'] });
  assert.deepEqual(episodes[0]!.sourceTurnIds, [t1.id, t2.id], 'turn indices map to turn ids');
  assert.deepEqual(episodes[1]!.sourceTurnIds, [t4.id]);

  const habits = await deps.store.memories.list('u', { types: ['procedural'] });
  assert.deepEqual(habits.map((m) => m.key).sort(), ['monday_swim', 'thursday_run']);
  assert.ok(events.some((e) => e.type === 'memory_retired' && e.key === 'marathon_goal'), 'the completed goal is retired, visibly');
  const [goal] = await deps.store.memories.list('u', { types: ['procedural'], status: ['retired'] });
  assert.equal(goal?.key, 'marathon_goal', 'kept as history, not deleted');
  assert.equal(goal?.content, 'User is training for the Berlin marathon.');
  assert.equal(goal?.supersededByTurnId, t4.id, 'with the turn that retired it');
  assert.equal(goal?.validTo?.getTime(), at(30).getTime(), 'and when it ended');
  const core = Object.fromEntries((await deps.store.memories.list('u', { types: ['core'] })).map((m) => [m.key, m.content]));
  assert.deepEqual(core, { name: 'Name: Anna', occupation: 'Occupation: head nurse', preferences: 'Preferences: running; swimming; jazz' });
  const oldJob = await deps.store.memories.list('u', { types: ['core'], key: 'occupation', status: ['superseded'] });
  assert.equal(oldJob[0]?.content, 'Occupation: nurse');
  assert.equal(oldJob[0]?.supersededByTurnId, t4.id, 'superseded by the closing session');
});

test('paper budget: three separate calls per session', async (t) => {
  const chat = createFakeChat({
    'remember.personality': ['{"openness": 3, "conscientiousness": 3, "extraversion": 3, "agreeableness": 3, "neuroticism": 3}'],
    'remember.semantic': ['{"memories": []}'],
    'remember.episodic': [JSON.stringify({ episodes: firstSession.episodes })],
    'remember.procedural': [JSON.stringify({ procedural: firstSession.procedural })],
    'remember.core': [JSON.stringify(firstSession.core)],
  });
  const { deps } = await testDeps(t, { chat, config: { writeBudget: 'paper' } });
  await recordTurn(deps, { userId: 'u', role: 'user', text: 'I run every Thursday morning for my Berlin marathon', at: at(0) });
  await recordTurn(deps, { userId: 'u', role: 'assistant', text: 'Noted.', at: at(0.1) });
  await closeSession(deps, 'u');
  await createUpdateWorker(deps).drain('u');
  assert.deepEqual(chat.calls.map((c) => c.purpose), ['remember.personality', 'remember.semantic', 'remember.episodic', 'remember.procedural', 'remember.core']);
  const counts = (await deps.store.memories.list('u')).reduce<Record<string, number>>((acc, m) => ({ ...acc, [m.type]: (acc[m.type] ?? 0) + 1 }), {});
  assert.deepEqual(counts, { episodic: 1, procedural: 2, core: 3 });
});
