import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore } from '../test/test-store.ts';
import { recordTurn } from './record-turn.ts';
import { createUpdateWorker } from './worker.ts';
import { createFakeChat } from './test-support/fake-chat.ts';
import { testDeps } from './test-support/deps.ts';

const neutral = JSON.stringify({ personality: { openness: 3, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 }, memories: [] });
const at = (minutes: number) => new Date(Date.UTC(2026, 8, 1, 9) + minutes * 60_000);

test('the per-turn prompt shows the turns BEFORE the analysed one, even when the rest of the session is already stored', async () => {
  const store = await openTestStore();
  try {
    const chat = createFakeChat({ 'remember.turn': Array(6).fill(neutral) });
    const { deps } = testDeps({ chat, store });
    // A whole session stored before the worker runs, as every ingest and a lagging live worker do.
    for (let i = 0; i < 12; i += 1) {
      await recordTurn(deps, { userId: 'u', role: i % 2 === 0 ? 'user' : 'assistant', text: `line number ${i + 1}`, at: at(i) });
    }
    await createUpdateWorker(deps).drain('u');
    const prompts = chat.callsFor('remember.turn').map((call) => call.messages[1]!.content);
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
