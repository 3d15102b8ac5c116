// Never mix embedding models: through the composition root, a recall for a user whose vectors come from another
// model warns (naming both models and the re-embed command) or refuses, per config.embedder.onModelChange.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from './config/index.ts';
import { EmbeddingMismatchError, PersonaError } from './errors/index.ts';
import type { WarningEvent } from './memory/events.ts';
import { createPersona, internalsOf } from './persona.ts';
import { reembedUser } from './remember/reembed.ts';
import type { PgliteStore } from './store/pglite-store.ts';
import { FixedTextEmbedder } from './test/fixed-text-embedder.ts';
import { ScriptedEmbeddingModel } from './test/scripted-embedding-model.ts';
import { openTestStore } from './test/test-store.ts';

let store: PgliteStore;
const a = new FixedTextEmbedder({ modelId: 'model-a', dimensions: 16 });
before(async () => {
  store = await openTestStore();
  for (const userId of ['ann', 'bob']) {
    const session = await store.sessions.create(userId, new Date('2024-05-01T10:00:00Z'));
    await store.turns.append(userId, { sessionId: session.id, role: 'user', text: 'I adopted a cat named Miso', at: new Date('2024-05-01T10:00:00Z') });
    await store.memories.add(userId, { type: 'semantic', content: 'The user has a cat named Miso.' });
  }
  await reembedUser({ store, embedder: a }, 'ann');
});
after(async () => {
  await store.close();
});

const query = (userId: string) => ({ userId, query: 'What is my cat called?', at: new Date('2024-06-01T10:00:00Z'), budgetTokens: 500 });

function personaWith(embedder: FixedTextEmbedder | ScriptedEmbeddingModel, onModelChange?: 'warn' | 'refuse') {
  const persona = createPersona({ store, model: null, vision: false, embedder, imageEmbedder: null, ...(onModelChange ? { config: { embedder: { provider: 'none', onModelChange } } } : {}) });
  const warnings: WarningEvent[] = [];
  persona.events.on((event) => {
    if (event.type === 'warning') warnings.push(event as WarningEvent);
  });
  return { persona, warnings };
}

test('warn (the default): recall goes on with the current model only and says what to run, once per check', async () => {
  const b = new FixedTextEmbedder({ modelId: 'model-b', dimensions: 24 });
  const { persona, warnings } = personaWith(b);
  const result = await persona.recall(query('ann'));
  assert.ok(result.items.some((item) => /Miso/.test(item.text)), 'lexical search still finds it');
  const changed = warnings.filter((warning) => warning.code === 'embedding_model_changed');
  assert.equal(changed.length, 1);
  assert.match(changed[0]!.message, /1 memory and 1 turn of user "ann" have vectors of "model-a" but none of the configured embedder "model-b"/);
  assert.match(changed[0]!.message, /`personavlm memory reembed --user ann`/);
  assert.deepEqual(changed[0]!.details?.uncovered, { memories: 1, turns: 1 });
  assert.deepEqual(b.calls, [['What is my cat called?']], 'the vector signal embeds the query with the current model');
  await persona.recall(query('ann'));
  assert.equal(warnings.filter((warning) => warning.code === 'embedding_model_changed').length, 1, 'cached: not every recall repeats it');
  await persona.recall(query('bob'));
  assert.equal(warnings.filter((warning) => warning.code === 'embedding_model_changed').length, 1, 'a user without vectors has nothing to re-embed');
});

test('refuse: recall throws EmbeddingMismatchError with the same message; after re-embedding it answers', async () => {
  const b = new FixedTextEmbedder({ modelId: 'model-b2', dimensions: 24 });
  const { persona } = personaWith(b, 'refuse');
  await assert.rejects(persona.recall(query('ann')), (error) =>
    error instanceof EmbeddingMismatchError && PersonaError.isInstance(error) && error.code === 'embedding_mismatch' &&
    /vectors of "model-a" but none of the configured embedder "model-b2".*personavlm memory reembed --user ann/.test(error.message));
  assert.equal(b.calls.length, 0, 'refused before any model call');

  await reembedUser({ store, embedder: b }, 'ann');
  const { persona: fresh, warnings } = personaWith(b, 'refuse');
  assert.ok((await fresh.recall(query('ann'))).items.length > 0, 'every row has a vector of the current model: no refusal');
  assert.deepEqual(warnings.filter((warning) => warning.code === 'embedding_model_changed'), []);
});

test('persona.reembed embeds with the configured embedder and clears the cached refusal; no embedder is a typed error', async () => {
  const c = new FixedTextEmbedder({ modelId: 'model-c', dimensions: 8 });
  const { persona } = personaWith(c, 'refuse');
  await assert.rejects(persona.recall(query('ann')), EmbeddingMismatchError);
  const report = await persona.reembed('ann', { dropOtherModels: true });
  assert.deepEqual([report.memories.embedded, report.turns.embedded, report.dropped.map((entry) => entry.model)], [1, 1, ['model-a', 'model-b2']]);
  assert.ok((await persona.recall(query('ann'))).items.length > 0, 'the same persona answers right away: the cached finding was dropped');
  const bare = createPersona({ store, model: null, vision: false, embedder: null, imageEmbedder: null });
  await assert.rejects(bare.reembed('ann'), (error) => PersonaError.isInstance(error) && error.code === 'model_not_configured' && /PERSONAVLM_EMBEDDER_BASE_URL/.test(error.message));
});

test('an AI SDK embedding model is accepted as the embedder and wrapped', async () => {
  const model = new ScriptedEmbeddingModel([(call) => call.values.map(() => [1, 0, 0])], { modelId: 'sdk-embed' });
  const { persona, warnings } = personaWith(model);
  assert.equal(internalsOf(persona).rememberDeps.embedder?.modelId, 'sdk-embed');
  await persona.recall(query('bob'));
  assert.deepEqual(model.calls.map((call) => call.values), [['What is my cat called?']]);
  assert.deepEqual(warnings, []);
});

test('embedder.onModelChange is a setting: env and flag layers, validated', async () => {
  assert.equal((await loadConfig({ cwd: '/nonexistent', env: { PERSONAVLM_EMBEDDER_ON_MODEL_CHANGE: 'refuse' } })).embedder.onModelChange, 'refuse');
  assert.equal((await loadConfig({ cwd: '/nonexistent', env: {} })).embedder.onModelChange, 'warn');
  await assert.rejects(loadConfig({ cwd: '/nonexistent', env: { PERSONAVLM_EMBEDDER_ON_MODEL_CHANGE: 'mix' } }), (error) => PersonaError.isInstance(error) && error.code === 'config_invalid');
});
