// End to end through the composition root: real PGlite store, real ChatClient over a scripted AI SDK model,
// real retrieval and update worker. Asserts what the model received and what ended up in memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPersona, internalsOf } from './persona.ts';
import { openTestStore } from './test/test-store.ts';
import { ScriptedChatModel } from './test/scripted-chat-model.ts';

const turnJob = JSON.stringify({
  personality: { openness: 4, conscientiousness: 3, extraversion: 2, agreeableness: 3, neuroticism: 4 },
  memories: [
    {
      reason: 'The user states a lasting preference.',
      decision: 'store',
      category: 'preference',
      key: 'favorite_drink',
      content: 'User prefers green tea to coffee.',
      keywords: ['green tea', 'coffee'],
    },
  ],
});

test('chat stores the turn, answers from retrieved memory, then the update phase writes memory and personality', async () => {
  const model = new ScriptedChatModel([
    // Round 1 of the first chat: answer directly.
    '<think>The user shares a preference.</think><answer>Noted — green tea it is.</answer>',
    // The per-turn update job of that user turn (one call: personality + memories).
    turnJob,
    // Second chat, round 1: retrieve; round 2: answer with what was retrieved.
    '<think>I should look up drinks.</think><retrieve>{"keywords": ["tea", "drink"], "start_time": null, "end_time": null}</retrieve>',
    '<think>Found it.</think><answer>You prefer green tea to coffee.</answer>',
  ]);
  const persona = createPersona({ store: await openTestStore(), model, vision: false, embedder: null });
  await persona.open();
  try {
    const first = await persona.chat({ userId: 'ana', text: 'I really prefer green tea to coffee these days.', at: new Date('2026-03-01T09:00:00Z') });
    assert.equal(first.answer, 'Noted — green tea it is.');
    await persona.drain('ana');

    const memories = await internalsOf(persona).store.memories.list('ana', { types: ['semantic'] });
    assert.equal(memories.length, 1);
    assert.equal(memories[0]!.content, 'User prefers green tea to coffee.');
    assert.deepEqual(memories[0]!.sourceTurnIds, [first.turnIds.user]);
    const personality = await internalsOf(persona).store.personality.latest('ana');
    assert.ok(personality, 'a personality point was stored');
    assert.equal(personality.turnId, first.turnIds.user);
    assert.equal(personality.traits.openness, 3.5, 'PEM first update: f = 0.5, so 0.5·3 + 0.5·4');
    assert.equal(personality.traits.agreeableness, 3, 'an inferred 3 is no evidence: unchanged');

    // Two hours later (a new session, so the first exchange is not in the recent window): it must be retrieved.
    const second = await persona.chat({ userId: 'ana', text: 'What drink do I like?', at: new Date('2026-03-01T11:30:00Z') });
    assert.equal(second.answer, 'You prefer green tea to coffee.');
    assert.equal(second.calls, 2);
    const roundTwo = model.calls.at(-1)!.promptText;
    assert.match(roundTwo, /green tea/i, 'the retrieved memory reached the model');
    assert.match(roundTwo, /2026-03-01/, 'retrieved items carry their time');

    // Another user sees none of it.
    const other = await persona.recall({ userId: 'ben', query: 'green tea', at: new Date('2026-03-02T00:00:00Z'), budgetTokens: 1000 });
    assert.equal(other.items.length, 0);
    assert.equal(persona.accounting.snapshot().total.calls, 4);
  } finally {
    await persona.close();
  }
});

test('without a chat model, chat refuses with a typed error that says how to configure one, and stores nothing', async () => {
  const persona = createPersona({ store: await openTestStore(), model: null, vision: false, embedder: null });
  await persona.open();
  try {
    await assert.rejects(
      persona.chat({ userId: 'ana', text: 'hello', at: new Date('2026-03-01T09:00:00Z') }),
      (error: Error & { code?: string }) => error.code === 'model_not_configured' && /PERSONAVLM_MODEL/.test(error.message),
    );
    assert.equal((await internalsOf(persona).store.turns.list('ana')).length, 0);
  } finally {
    await persona.close();
  }
});

test('the configured image size limit is the store\'s limit too', async () => {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'personavlm-limits-'));
  const persona = createPersona({ config: { store: { dataDir: join(dir, 'data') }, vision: { maxImageBytes: 1000 } }, model: null, vision: false, embedder: null });
  await persona.open();
  try {
    await assert.rejects(
      internalsOf(persona).store.images.put('ana', new Uint8Array(2000), { mime: 'image/png', width: 10, height: 10 }),
      (error: Error & { code?: string }) => error.code === 'payload_too_large',
    );
  } finally {
    await persona.close();
    await rm(dir, { recursive: true, force: true });
  }
});
