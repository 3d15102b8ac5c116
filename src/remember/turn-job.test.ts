import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore } from '../test/test-store.ts';
import { recordTurn } from './record-turn.ts';
import { createUpdateWorker } from './worker.ts';
import { createFakeChat } from './test-support/fake-chat.ts';
import { testDeps } from './test-support/deps.ts';
import { enrichText } from '../enrichment/enrich-text.ts';
import { applySemanticDrafts } from './semantic-effects.ts';

const neutral = JSON.stringify({ personality: { openness: 3, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 }, memories: [] });
const at = (minutes: number) => new Date(Date.UTC(2026, 8, 1, 9) + minutes * 60_000);

test('the per-turn prompt shows the turns BEFORE the analysed one, even when the rest of the session is already stored', async (t) => {
  const store = await openTestStore();
  try {
    const chat = createFakeChat({ 'remember.turn': Array(6).fill(neutral) });
    const { deps } = await testDeps(t, { chat, store });
    // A whole session stored before the worker runs, as every ingest and a lagging live worker do.
    for (let i = 0; i < 12; i += 1) {
      await recordTurn(deps, { userId: 'u', role: i % 2 === 0 ? 'user' : 'assistant', text: `line number ${i + 1}`, at: at(i) });
    }
    await createUpdateWorker(deps).drain('u');
    const calls = chat.callsFor('remember.turn');
    assert.deepEqual([calls[0]!.prompt, calls[0]!.output?.name], ['remember.turn@3', 'remember_turn'], 'labelled, with its output schema');
    const prompts = calls.map((call) => call.messages[1]!.content);
    assert.equal(prompts.length, 6);
    const context = (prompt: string) => /Recent conversation \(context only\):\n([\s\S]*?)\n\n/.exec(prompt)?.[1] ?? '';
    assert.equal(context(prompts[0]!), '(none)', 'the first turn has nothing before it');
    assert.match(context(prompts[1]!), /line number 1\n.*line number 2$/, 'turn 3 sees turns 1 and 2');
    const last = context(prompts[5]!);
    assert.deepEqual([...last.matchAll(/line number (\d+)/g)].map((m) => Number(m[1])), [7, 8, 9, 10], 'turn 11 sees the 4 turns before it, none after');
  } finally {
    await store.close();
  }
});

test('a memory is dated by its own words (or the model\'s "when"), never by another phrase of the turn; said-at is the turn time', async (t) => {
  const store = await openTestStore();
  try {
    const memories = [
      { reason: 'family', decision: 'store', category: 'fact', key: 'brother_allergy', content: "User's brother is allergic to shellfish.", keywords: ['brother', 'shellfish'] },
      { reason: 'plan', decision: 'store', category: 'goal', key: 'brother_visit', content: "User's brother is visiting on Saturday, 3 October 2026.", keywords: ['brother', 'visit'] },
      { reason: 'plan', decision: 'store', category: 'goal', key: 'dinner_plan', content: 'User plans a dinner with the brother.', keywords: ['dinner', 'brother'], when: '2026-10-03 19:30' },
      { reason: 'plan', decision: 'store', category: 'goal', key: 'brother_tickets', content: 'User will buy concert tickets for the brother.', keywords: ['tickets', 'brother'], when: 'soonish' },
    ];
    const chat = createFakeChat({ 'remember.turn': [JSON.stringify({ personality: { openness: 3, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 }, memories })] });
    const { deps, warnings } = await testDeps(t, { chat, store, enrich: (text, at) => enrichText(text, at) });
    const friday = new Date('2026-10-02T10:00:00Z');
    const { turn: turn } = await recordTurn(deps, { userId: 'u', role: 'user', text: "My brother is visiting this Saturday and he's allergic to shellfish, so we'll have dinner and I'll get him concert tickets.", at: friday });
    assert.equal(turn.enrichment?.dates.length, 1, 'the turn itself names one date (this Saturday)');
    await createUpdateWorker(deps).drain('u');
    const stored = await store.memories.list('u', { types: ['semantic'] });
    const byKey = Object.fromEntries(stored.map((m) => [m.key ?? '', m]));
    const day = (date: Date | null | undefined) => date?.toISOString().slice(0, 16) ?? null;
    assert.equal(byKey.brother_allergy?.eventTime, null, 'a lasting fact has no event time, whatever else the turn dates');
    assert.deepEqual([day(byKey.brother_visit?.eventTime?.from), day(byKey.brother_visit?.eventTime?.to)], ['2026-10-03T00:00', '2026-10-04T00:00'], 'the visit is about the Saturday its content names');
    assert.deepEqual([day(byKey.dinner_plan?.eventTime?.from), day(byKey.dinner_plan?.eventTime?.to)], ['2026-10-03T19:30', '2026-10-03T19:31'], "the model's when wins");
    assert.equal(byKey.brother_tickets?.eventTime, null, 'a when that names no date gives none');
    assert.equal(warnings('memory_when_ignored').length, 1, '… and says so');
    for (const memory of stored) assert.equal(memory.validFrom.getTime(), friday.getTime(), 'said when the turn was');
  } finally {
    await store.close();
  }
});

test('a turn over the text-search limit (and a memory as long) still gets its memories and personality point', async (t) => {
  const store = await openTestStore();
  try {
    const long = `I adopted a dog named Rex. ${'We walked along the canal and talked about everything. '.repeat(220)}`;
    assert.ok(long.length > 10_000);
    const memory = { reason: 'pet', decision: 'store', category: 'fact', key: 'dog', content: `User has a dog named Rex. ${'He loves the canal walks. '.repeat(450)}`, keywords: ['dog', 'Rex'] };
    const chat = createFakeChat({ 'remember.turn': [JSON.stringify({ personality: { openness: 4, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 }, memories: [memory] })] });
    const { deps, warnings } = await testDeps(t, { chat, store });
    await recordTurn(deps, { userId: 'u', role: 'user', text: long, at: at(0) });
    await createUpdateWorker(deps).drain('u');
    assert.deepEqual(warnings('job_failed'), []);
    assert.equal((await store.memories.list('u', { types: ['semantic'] })).length, 1);
    assert.ok(await store.personality.latest('u'));
  } finally {
    await store.close();
  }
});

test('a reply cut off at the output limit is a failed, retried attempt — never a done job with half its memories', async (t) => {
  const store = await openTestStore();
  try {
    const cut = '{"personality": {"openness": 4, "conscientiousness": 3, "extraversion": 3, "agreeableness": 3, "neuroticism": 3}, "memories": [{"reason": "pet", "decision": "store", "content": "User has a dog named Rex.", "keywords": ["dog"]}, {"reason": "home", "content": "User lives in';
    let calls = 0;
    const chat = createFakeChat({});
    chat.generate = async (request) => {
      chat.calls.push(request);
      calls += 1;
      return { text: cut, usage: { inputTokens: 10, outputTokens: 1024 }, latencyMs: 1, finishReason: 'length' };
    };
    const { deps, warnings } = await testDeps(t, { chat, store, config: { jobMaxAttempts: 2 } });
    await recordTurn(deps, { userId: 'u', role: 'user', text: 'I have a dog named Rex and I live in Lyon.', at: at(0) });
    await createUpdateWorker(deps, { retry: { baseMs: 1 } }).drain('u');
    assert.equal(calls, 2, 'retried');
    const [failed] = await store.jobs.list('u', ['failed']);
    assert.match(failed?.lastError ?? '', /cut off at the output limit \(1024 tokens\)/);
    assert.equal(warnings('job_failed').length, 1);
    assert.deepEqual(await store.memories.list('u'), [], 'nothing half-written');
    assert.equal(await store.personality.latest('u'), null, 'no personality point from a cut reply');
  } finally {
    await store.close();
  }
});

test('a correction whose target was replaced meanwhile (another process) supersedes the newest version instead of failing', async () => {
  const store = await openTestStore();
  try {
    await store.users.ensure('u');
    const session = await store.sessions.create('u', at(0));
    const turn = await store.turns.append('u', { sessionId: session.id, role: 'user', text: 'Actually I live in Porto now', at: at(0) });
    const first = await store.memories.add('u', { type: 'semantic', key: 'home', content: 'User lives in Lisbon.', sourceTurnIds: [turn.id] });
    let raced = false;
    // The other process supersedes the same memory between our read of it and our write.
    const racing = new Proxy(store, {
      get(target, name) {
        if (name !== 'memories') {
          const own = Reflect.get(target, name) as unknown;
          return typeof own === 'function' ? own.bind(target) : own;
        }
        return new Proxy(target.memories, {
          get(memories, method) {
            const own = Reflect.get(memories, method) as unknown;
            if (method !== 'supersede') return typeof own === 'function' ? own.bind(memories) : own;
            return async (...args: Parameters<typeof memories.supersede>) => {
              if (!raced) {
                raced = true;
                await memories.supersede('u', first.id, { type: 'semantic', key: 'home', content: 'User lives in Braga.', sourceTurnIds: [turn.id] }, turn.id);
              }
              return memories.supersede(...args);
            };
          },
        });
      },
    });
    const draft = { reason: 'moved', category: 'correction' as const, key: 'home', content: 'User lives in Porto.', keywords: ['Porto'], when: null, image: null };
    const outcome = { written: [] as string[], superseded: [] as string[], retired: [] as string[], events: [] as Record<string, unknown>[] };
    await applySemanticDrafts(racing, turn, [draft], 'job-1', outcome as never);
    const live = await store.memories.list('u', { types: ['semantic'] });
    assert.deepEqual(live.map((m) => m.content), ['User lives in Porto.'], 'one current version, the correction');
    assert.equal((await store.memories.history('u', live[0]!.id)).length, 3, 'Lisbon → Braga → Porto, all kept');
  } finally {
    await store.close();
  }
});
