// Replays the first LoCoMo dev sessions through the full stack (ChatClient over a scripted AI SDK model,
// accounting, PGlite) in both write budgets, and kills a worker mid-job on the real job table.
import { test, after, before } from 'node:test';
import { readFile } from 'node:fs/promises';
import assert from 'node:assert/strict';
import { enrichText } from '../enrichment/index.ts';
import { EventBus, type PersonaEvent } from '../memory/events.ts';
import { createModelAccounting } from '../model/accounting.ts';
import { createChatClient } from '../model/chat-client.ts';
import type { MemoryStore } from '../store/index.ts';
import { openTestStore } from '../test/test-store.ts';
import { ScriptedChatModel } from '../test/scripted-chat-model.ts';
import { rememberConfig, type RememberDeps, type WriteBudget } from './deps.ts';
import { ingestHistory } from './ingest.ts';
import { recordTurn } from './record-turn.ts';
import { createUpdateWorker } from './worker.ts';
import { firstConversation } from './test-support/locomo.ts';
import { locomoReply } from './test-support/locomo-script.ts';
import { createRetriever } from '../retrieval/index.ts';

let store: MemoryStore;
before(async () => {
  store = await openTestStore();
});
after(() => store.close());

function depsFor(budget: WriteBudget, model: ScriptedChatModel) {
  const events = new EventBus();
  const seen: PersonaEvent[] = [];
  events.on((event) => seen.push(event));
  const accounting = createModelAccounting();
  const chat = createChatClient(model, { accounting, maxRetries: 0 });
  const deps: RememberDeps = { store, memorySearch: createRetriever({ store }), chat, events, enrich: enrichText, accounting, config: rememberConfig({ writeBudget: budget }) };
  return { deps, seen, accounting };
}

for (const [budget, perTurn, perSession] of [['fixed', 1, 1], ['paper', 2, 3]] as const) {
  test(`LoCoMo replay with a scripted model, ${budget} budget: ${perTurn} call(s) per user turn, ${perSession} per session`, async () => {
    const { history } = await firstConversation(2);
    const userTurns = history.sessions.flatMap((s) => s.turns).filter((t) => t.role === 'user').length;
    const expectedCalls = userTurns * perTurn + history.sessions.length * perSession;
    const model = new ScriptedChatModel(Array(expectedCalls).fill(locomoReply));
    const { deps, seen, accounting } = depsFor(budget, model);
    const userId = `conv-26-${budget}`;

    const summary = await ingestHistory(deps, userId, history);
    model.assertAllUsed();
    assert.equal(summary.model.total.calls, expectedCalls);
    assert.equal(accounting.snapshot().total.calls, expectedCalls, 'the ChatClient accounting agrees: no hidden retries');
    if (budget === 'fixed') assert.deepEqual(Object.fromEntries(Object.entries(summary.model.byPurpose).map(([p, s]) => [p, s.calls])), { 'remember.turn': userTurns, 'remember.session': 2 });
    assert.deepEqual(summary.memories, { core: 2, semantic: 4, episodic: 3, procedural: 1 });
    assert.equal(summary.jobsFailed, 0);

    const turns = await store.turns.list(userId);
    const byExternal = (id: string) => turns.find((t) => t.externalId === id)!.id;
    const semantic = await store.memories.list(userId, { types: ['semantic'] });
    const group = semantic.find((m) => m.key === 'support_group')!;
    assert.deepEqual(group.sourceTurnIds, [byExternal('D1:3')]);
    assert.equal(group.eventTime?.from?.toISOString().slice(0, 10), '2023-05-07', 'the turn\'s resolved "yesterday" dates the memory');
    assert.ok(!semantic.some((m) => m.content.includes('Ferrari')), 'the invented memory was dropped');
    const family = await store.memories.list(userId, { types: ['semantic'], key: 'family_plan', status: ['active', 'superseded'] });
    assert.deepEqual(family.map((m) => [m.status, m.sourceTurnIds[0]]).sort(), [['active', byExternal('D2:14')], ['superseded', byExternal('D2:8')]].sort(), 'the repeat was a no-op, the change a supersession');
    assert.equal(family.find((m) => m.status === 'superseded')!.supersededByTurnId, byExternal('D2:14'));

    const episodes = await store.memories.list(userId, { types: ['episodic'] });
    const adoption = episodes.find((m) => m.content.includes('adoption agencies'))!;
    assert.deepEqual(adoption.sourceTurnIds, ['D2:8', 'D2:10', 'D2:12', 'D2:14'].map(byExternal));
    const habits = await store.memories.list(userId, { types: ['procedural'] });
    assert.deepEqual(habits.map((m) => m.key), ['adoption_process'], 'the old habit set was rewritten');
    const points = await store.personality.history(userId);
    assert.equal(points.length, userTurns);
    assert.equal(points.at(-1)!.interactions, userTurns);
    assert.ok(seen.some((e) => e.type === 'warning' && e.code === 'memory_ungrounded'));
    if (budget === 'fixed') assert.ok(seen.some((e) => e.type === 'warning' && e.code === 'model_output_repaired'), 'the fenced output was reported as repaired');
  });
}

test('on the real job table: a worker killed mid-job is replaced, and the memory is written exactly once', async () => {
  let release: (text: string) => void = () => {};
  const reply = JSON.stringify({
    personality: { openness: 4, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 },
    memories: [{ reason: 'pet', decision: 'store', category: 'fact', key: 'pet', content: 'User has a cat named Miso.', keywords: ['cat', 'Miso'] }],
  });
  const model = new ScriptedChatModel([() => new Promise<string>((resolve) => (release = resolve)), reply]);
  const { deps, seen } = depsFor('fixed', model);
  const png = new Uint8Array(await readFile(new URL('../datasets/persona-mme/__fixtures__/samples/50/0/laptop_mouse.png', import.meta.url)));
  const { turn: turn } = await recordTurn(deps, { userId: 'crash', role: 'user', text: 'My cat Miso sleeps all day', at: new Date('2024-01-01T10:00:00Z'), images: [{ bytes: png }] });
  const image = await store.images.get('crash', turn.images[0]!);
  assert.deepEqual([image?.mime, image?.width, image?.height], ['image/png', 8, 8], 'the image was stored with the turn');
  const killed = createUpdateWorker(deps, { workerId: 'killed', concurrency: 1, leaseMs: 100, pollMs: 10 });
  killed.start();
  while (model.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  await createUpdateWorker(deps, { workerId: 'rescuer', pollMs: 20 }).drain('crash');
  release(reply);
  await killed.stop();
  assert.equal((await store.memories.list('crash', { status: ['active', 'superseded'] })).length, 1);
  assert.equal((await store.personality.history('crash')).length, 1);
  const [job] = await store.jobs.list('crash');
  assert.deepEqual([job?.status, job?.attempts], ['done', 2]);
  assert.ok(seen.some((e) => e.type === 'warning' && e.code === 'job_lease_lost'));
});
