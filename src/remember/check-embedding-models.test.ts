import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EmbeddingMismatchError, StoreError } from '../errors/index.ts';
import { EventBus, type PersonaEvent } from '../memory/events.ts';
import type { MemoryStore, UncoveredRows } from '../store/memory-store.ts';
import { FixedTextEmbedder } from '../test/fixed-text-embedder.ts';
import { checkEmbeddingModels, createEmbeddingModelGuard } from './check-embedding-models.ts';

/** A store whose only method is embeddings.uncovered, answering from a script and recording each question. */
function scriptedStore(answers: Array<UncoveredRows[] | Error>) {
  const calls: Array<{ userId: string; model: string; targets: string[] }> = [];
  const store = {
    embeddings: {
      uncovered: async (userId: string, model: string, targets: string[]) => {
        calls.push({ userId, model, targets });
        const answer = answers.shift();
        if (answer === undefined) throw new Error(`unscripted uncovered(${userId}, ${model})`);
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
  } as unknown as MemoryStore;
  return { store, calls };
}

const embedder = new FixedTextEmbedder({ modelId: 'model-b' });
const stale: UncoveredRows[] = [{ target: 'memories', count: 3, models: ['model-a'] }, { target: 'turns', count: 1, models: ['model-a', 'model-z'] }];

test('the finding names both models, the counts and the command; nothing uncovered is no finding', async () => {
  const { store, calls } = scriptedStore([stale, []]);
  const found = await checkEmbeddingModels(store, 'ann', embedder);
  assert.deepEqual(calls, [{ userId: 'ann', model: 'model-b', targets: ['memories', 'turns'] }], 'images have their own embedder and are not asked about');
  assert.deepEqual(found?.otherModels, ['model-a', 'model-z']);
  assert.deepEqual(found?.uncovered, { memories: 3, turns: 1 });
  assert.equal(found?.command, 'personavlm memory reembed --user ann');
  assert.equal(found?.message,
    'The embedding model changed: 3 memories and 1 turn of user "ann" have vectors of "model-a", "model-z" but none of the configured embedder "model-b". ' +
    'Vector search never compares vectors of different models, so it misses them until they are re-embedded: run `personavlm memory reembed --user ann` (add --drop-old to delete the old vectors afterwards).');
  assert.equal(await checkEmbeddingModels(store, 'ann', embedder), null);
  const { store: turnsOnly } = scriptedStore([[{ target: 'turns', count: 2, models: ['model-a'] }]]);
  assert.match((await checkEmbeddingModels(turnsOnly, 'bob', embedder))?.message ?? '', /changed: 2 turns of user "bob" have vectors of "model-a"/);
});

test('the guard caches per user for ttlMs, warns once per check, and does not remember a failed check', async () => {
  let clock = 0;
  const { store, calls } = scriptedStore([stale, [], new StoreError('database went away'), stale]);
  const events = new EventBus();
  const seen: PersonaEvent[] = [];
  events.on((event) => seen.push(event));
  const guard = createEmbeddingModelGuard({ store, embedder, events, onModelChange: 'warn', ttlMs: 1_000, now: () => clock });
  await guard.check('ann');
  await guard.check('ann');
  assert.equal(calls.length, 1);
  assert.deepEqual(seen.map((event) => event.type === 'warning' && event.code), ['embedding_model_changed']);
  await guard.check('bob');
  assert.equal(calls.length, 2, 'each user has their own entry');
  clock = 1_000;
  await assert.rejects(guard.check('ann'), StoreError, 'a store failure reaches the caller');
  await guard.check('ann');
  assert.equal(calls.length, 4, 'the failure was not cached');
  assert.equal(seen.length, 2);
});

test('refuse throws on every recall while the finding holds; no embedder means nothing to check', async () => {
  const { store, calls } = scriptedStore([stale]);
  const events = new EventBus();
  const seen: PersonaEvent[] = [];
  events.on((event) => seen.push(event));
  const guard = createEmbeddingModelGuard({ store, embedder, events, onModelChange: 'refuse' });
  await assert.rejects(guard.check('ann'), (error) => error instanceof EmbeddingMismatchError && /personavlm memory reembed --user ann/.test(error.message));
  await assert.rejects(guard.check('ann'), EmbeddingMismatchError);
  assert.equal(calls.length, 1);
  assert.deepEqual(seen, [], 'a refusal is an error, not also a warning');
  await createEmbeddingModelGuard({ store, embedder: null, events, onModelChange: 'refuse' }).check('ann');
  assert.equal(calls.length, 1);
});
