// Replays the first LoCoMo dev sessions through the real update path on PGlite, with no model at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enrichText } from '../enrichment/index.ts';
import { EventBus, type PersonaEvent } from '../memory/events.ts';
import { openTestStore } from '../test/test-store.ts';
import { rememberConfig, type RememberDeps } from './deps.ts';
import { ingestHistory } from './ingest.ts';
import { firstConversation } from './test-support/locomo.ts';
import { createFakeChat } from './test-support/fake-chat.ts';
import { createRetriever } from '../retrieval/index.ts';

test('LoCoMo replay without a model: turns, sessions, resolved dates and provenance; zero model calls; resumable', async () => {
  const { history, speakerA } = await firstConversation(2);
  const store = await openTestStore();
  const events = new EventBus();
  const seen: PersonaEvent[] = [];
  events.on((event) => seen.push(event));
  const deps: RememberDeps = { store, memorySearch: createRetriever({ store }), chat: null, events, enrich: enrichText, config: rememberConfig() };
  try {
    const total = history.sessions.reduce((sum, s) => sum + s.turns.length, 0);
    const controller = new AbortController();
    const progress: number[] = [];
    // Interrupt after some batches of 10 turns (and a session end), as a killed import would be.
    await assert.rejects(
      ingestHistory(deps, 'conv-26', history, { batchTurns: 10, signal: controller.signal, onProgress: (done) => (progress.push(done), done >= 20 && controller.abort()) }),
      { name: 'AbortError' },
    );
    const interrupted = progress.at(-1)!;
    assert.ok(interrupted >= 20 && interrupted < total);
    assert.equal((await store.turns.list('conv-26')).length, interrupted, 'every acknowledged batch is stored');
    const summary = await ingestHistory(deps, 'conv-26', history);
    assert.deepEqual(summary.turns, { total, stored: total - interrupted, skipped: interrupted });
    assert.equal(summary.model.total.calls, 0);
    assert.deepEqual(summary.memories, { core: 0, semantic: 0, episodic: 0, procedural: 0 });

    const turns = await store.turns.list('conv-26');
    assert.equal(turns.length, total, 'resuming stored each turn exactly once');
    const sessions = await store.sessions.list('conv-26');
    assert.equal(sessions.length, 2);
    assert.ok(sessions.every((s) => s.closedAt !== null), 'each history session is closed');
    assert.equal(await store.jobs.pendingCount('conv-26'), 0, 'no model: no job queued');

    const d13 = turns.find((t) => t.externalId === 'D1:3')!;
    assert.equal(d13.role, 'user');
    assert.equal(d13.speaker, speakerA);
    assert.deepEqual(d13.metadata.history, { source: 'locomo:conv-26', session: 'session_1', index: 2 });
    const yesterday = d13.enrichment?.dates.find((d) => d.phrase.toLowerCase().includes('yesterday'));
    assert.equal(yesterday?.from.toISOString().slice(0, 10), '2023-05-07', '"yesterday" resolved against the session date');
    const recalled = await createRetriever({ store }).recall({ userId: 'conv-26', query: 'LGBTQ support group', at: d13.at, budgetTokens: 300 });
    assert.ok(recalled.items.some((item) => item.sourceTurnIds.includes(d13.id)), 'stored turns are recalled at once, before any session job');
    const captioned = turns.find((t) => t.externalId === 'D1:5')!;
    assert.match(captioned.enrichment?.imageText ?? '', /dog walking past a wall/);

    const warnings = seen.filter((e) => e.type === 'warning').map((e) => e.type === 'warning' && e.code);
    assert.deepEqual(warnings, ['memory_model_missing'], 'the missing model is said once, not per turn');
    const again = await ingestHistory(deps, 'conv-26', history);
    assert.equal(again.turns.skipped, total);
  } finally {
    await store.close();
  }
});

test('batched import stores exactly what the one-turn path stores: sessions, turns, enrichment, queued jobs in order', async () => {
  const { history } = await firstConversation(3);
  // A gap inside a history session splits it by the session rule, on both paths alike.
  const split = { ...history, sessions: history.sessions.map((session, s) => s !== 1 ? session : { ...session, turns: session.turns.map((turn, i) => i < 5 ? turn : { ...turn, at: new Date(turn.at.getTime() + 3 * 3_600_000) }) }) };
  const runs = [];
  for (const batchTurns of [1, 7, 200]) {
    const store = await openTestStore();
    try {
      const chat = createFakeChat({});
      const deps: RememberDeps = { store, memorySearch: createRetriever({ store }), chat, events: new EventBus(), enrich: enrichText, config: rememberConfig() };
      const summary = await ingestHistory(deps, 'conv', split, { batchTurns, drain: false });
      const turns = await store.turns.list('conv', { limit: 10_000 });
      const sessions = await store.sessions.list('conv');
      const sessionOf = new Map(sessions.map((session, index) => [session.id, index]));
      const externalOf = new Map(turns.map((turn) => [turn.id, turn.externalId]));
      const jobs = (await store.jobs.list('conv')).map((job) => [job.kind, job.kind === 'remember.turn' ? externalOf.get(String(job.payload.turnId)) : sessionOf.get(String(job.payload.sessionId))]);
      runs.push({
        summary: summary.turns,
        sessions: sessions.map((session) => [session.startedAt.toISOString(), session.closedAt?.toISOString(), session.lastTurnAt.toISOString(), session.turnCount]),
        turns: turns.map((turn) => [turn.seq, sessionOf.get(turn.sessionId), turn.role, turn.speaker, turn.text, turn.at.toISOString(), turn.externalId, turn.metadata, turn.enrichment]),
        jobs,
      });
      assert.equal(chat.calls.length, 0, 'recording never calls the model');
    } finally {
      await store.close();
    }
  }
  assert.ok(runs[0]!.sessions.length > split.sessions.length, 'the gap split a session');
  assert.ok(runs[0]!.turns.some((turn) => (turn[7] as { imageCaptions?: string[] }).imageCaptions), 'captioned photos are part of it');
  assert.deepEqual(runs[1], runs[0]);
  assert.deepEqual(runs[2], runs[0]);
});

test('a batch write that fails while the next batch is prepared fails the import: what was acknowledged is stored, the rest resumes once', async () => {
  const { history } = await firstConversation(2);
  const store = await openTestStore();
  let transactions = 0;
  // The store as the import sees it, with its fourth transaction (the fourth batch's write) failing.
  const failing = new Proxy(store, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (key !== 'transaction') return typeof value === 'function' ? value.bind(target) : value;
      return (fn: Parameters<typeof store.transaction>[0]) => (++transactions === 4 ? Promise.reject(new Error('disk full')) : target.transaction(fn));
    },
  });
  const deps: RememberDeps = { store: failing, memorySearch: createRetriever({ store }), chat: null, events: new EventBus(), enrich: enrichText, config: rememberConfig() };
  try {
    const total = history.sessions.reduce((sum, s) => sum + s.turns.length, 0);
    const progress: number[] = [];
    await assert.rejects(ingestHistory(deps, 'conv-26', history, { batchTurns: 10, onProgress: (done) => progress.push(done) }), /disk full/);
    assert.equal(progress.at(-1), 30, 'three batches acknowledged');
    assert.equal((await store.turns.list('conv-26')).length, 30, 'exactly the acknowledged batches are stored, none written after the failure');
    const summary = await ingestHistory({ ...deps, store }, 'conv-26', history, { batchTurns: 10 });
    assert.deepEqual(summary.turns, { total, stored: total - 30, skipped: 30 });
    const turns = await store.turns.list('conv-26');
    assert.equal(turns.length, total);
    assert.deepEqual(turns.map((turn) => turn.seq), turns.map((_, index) => index + 1), 'in order, each once');
  } finally {
    await store.close();
  }
});
