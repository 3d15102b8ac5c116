import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { History } from '../memory/history.ts';
import { ingestHistory } from './ingest.ts';
import { createFakeChat } from './test-support/fake-chat.ts';
import { testDeps } from './test-support/deps.ts';

const neutral = JSON.stringify({ personality: { openness: 3, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 }, memories: [] });

test('a session longer than the backpressure limit is drained as it goes, and a bad image is counted, not fatal', async (t) => {
  const turns = Array.from({ length: 10 }, (_, i) => ({ role: 'user' as const, text: `message ${i}`, at: new Date(Date.UTC(2024, 0, 1, 9, i)) }));
  turns[3] = { ...turns[3]!, images: [{ bytes: new Uint8Array([1, 2, 3]), path: 'broken.jpg' }] } as (typeof turns)[number];
  const history: History = { source: 'test', sessions: [{ key: 's1', turns }] };
  const chat = createFakeChat({ 'remember.turn': Array(10).fill(neutral), 'remember.session': ['{"episodes": [], "procedural": [], "core": {}}'] });
  const { deps, warnings } = await testDeps(t, { chat, config: { maxPendingJobsPerUser: 4, onBackpressure: 'throw' } });
  const summary = await ingestHistory(deps, 'u', history);
  assert.deepEqual(summary.turns, { total: 10, stored: 10, skipped: 0 });
  assert.equal(summary.imagesRejected, 1);
  assert.equal(warnings('image_rejected').length, 1);
  assert.deepEqual(summary.model.byPurpose['remember.turn']?.calls, 10);
  assert.equal(summary.model.byPurpose['remember.session']?.calls, 1);
  assert.equal(summary.jobsFailed, 0);
  assert.equal(await deps.store.jobs.pendingCount('u'), 0);
});
