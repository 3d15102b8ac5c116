// Replays the first LoCoMo dev sessions through the real update path on PGlite, with no model at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enrichText } from '../enrichment/index.ts';
import { EventBus, type PersonaEvent } from '../memory/events.ts';
import { openTestStore } from '../test/test-store.ts';
import { rememberConfig, type RememberDeps } from './deps.ts';
import { ingestHistory } from './ingest.ts';
import { firstConversation } from './test-support/locomo.ts';

test('LoCoMo replay without a model: turns, sessions, resolved dates and provenance; zero model calls; resumable', async () => {
  const { history, speakerA } = await firstConversation(2);
  const store = await openTestStore();
  const events = new EventBus();
  const seen: PersonaEvent[] = [];
  events.on((event) => seen.push(event));
  const deps: RememberDeps = { store, chat: null, events, enrich: enrichText, config: rememberConfig() };
  try {
    const total = history.sessions.reduce((sum, s) => sum + s.turns.length, 0);
    const controller = new AbortController();
    const progress: number[] = [];
    // Interrupt after 20 turns, as a killed import would be.
    await assert.rejects(
      ingestHistory(deps, 'conv-26', history, { signal: controller.signal, onProgress: (done) => (progress.push(done), done === 20 && controller.abort()) }),
      { name: 'AbortError' },
    );
    assert.equal((await store.turns.list('conv-26')).length, 20);
    const summary = await ingestHistory(deps, 'conv-26', history);
    assert.deepEqual(summary.turns, { total, stored: total - 20, skipped: 20 });
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
    const hits = await store.search.text('conv-26', { text: 'LGBTQ support group', target: 'turns', limit: 5 });
    assert.ok(hits.some((h) => h.id === d13.id), 'stored turns are searchable at once, before any session job');
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
