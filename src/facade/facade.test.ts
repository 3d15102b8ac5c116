import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PersonaEvent } from '../memory/events.ts';
import type { TextEmbedder } from '../model/ports.ts';
import { createPersona } from '../persona.ts';
import { FixedTextEmbedder } from '../test/fixed-text-embedder.ts';
import { openTestStore, unclosable } from '../test/test-store.ts';

test('memories.edit re-embeds the new version: a corrected memory stays in vector search', async (t) => {
  const store = await openTestStore();
  t.after(() => store.close());
  const embedder = new FixedTextEmbedder({ modelId: 'fixed-16', dimensions: 16 });
  const persona = createPersona({ store: unclosable(store), model: null, embedder, vision: false });
  await persona.open();
  const tea = await store.memories.add('ann', { type: 'semantic', key: 'drink', content: 'Ann drinks green tea every morning.' });
  await persona.reembed('ann');

  const edited = await persona.memories.edit('ann', tea.id, { content: 'Ann drinks black coffee every morning.' });
  assert.equal(edited.id, tea.id, 'edited in place; the old text is kept as a superseded version');
  assert.deepEqual(await store.embeddings.existing('ann', 'memories', 'fixed-16', [edited.id]), [edited.id]);
  const [query] = await embedder.embed(['Ann drinks black coffee every morning.']);
  const hits = await store.search.vector('ann', { vector: query!, model: 'fixed-16', target: 'memories' });
  assert.equal(hits[0]?.id, edited.id, 'the edited text is what vector search finds');
  assert.deepEqual((await persona.memories.history('ann', edited.id)).map((m) => m.content), ['Ann drinks green tea every morning.', 'Ann drinks black coffee every morning.']);
});

test('an edit whose embedding fails says so and names the fix; reembed then covers it', async (t) => {
  const store = await openTestStore();
  t.after(() => store.close());
  const working = new FixedTextEmbedder({ modelId: 'fixed-16', dimensions: 16 });
  let down = true;
  const flaky: TextEmbedder = {
    modelId: 'fixed-16',
    dimensions: 16,
    maxBatchSize: 8,
    embed: async (texts) => {
      if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:11434');
      return working.embed(texts);
    },
  };
  const persona = createPersona({ store: unclosable(store), model: null, embedder: flaky, vision: false });
  await persona.open();
  const events: PersonaEvent[] = [];
  persona.events.on((event) => events.push(event));
  const memory = await store.memories.add('ann', { type: 'semantic', content: 'Ann lives in Porto.' });
  const edited = await persona.memories.edit('ann', memory.id, { content: 'Ann lives in Lisbon.' });
  const warning = events.find((event) => event.type === 'warning' && (event as { code: string }).code === 'memory_embedding_failed') as { message: string } | undefined;
  assert.ok(warning, 'the missing vector is reported');
  assert.match(warning.message, /memory reembed --user ann/);
  assert.deepEqual(await store.embeddings.existing('ann', 'memories', 'fixed-16', [edited.id]), []);
  down = false;
  const report = await persona.reembed('ann');
  assert.equal(report.memories.embedded, 1);
  assert.deepEqual(await store.embeddings.existing('ann', 'memories', 'fixed-16', [edited.id]), [edited.id]);
});

test('the facade is scoped by user: one user cannot read, edit or forget another one\'s memory', async (t) => {
  const store = await openTestStore();
  t.after(() => store.close());
  const persona = createPersona({ store: unclosable(store), model: null, embedder: null, vision: false });
  await persona.open();
  const secret = await store.memories.add('ann', { type: 'semantic', content: 'Ann\'s door code is 4711.' });
  await store.users.ensure('bob');
  assert.equal(await persona.memories.get('bob', secret.id), null);
  await assert.rejects(persona.memories.history('bob', secret.id), { code: 'not_found' });
  await assert.rejects(persona.memories.sources('bob', secret.id), { code: 'not_found' });
  await assert.rejects(persona.memories.edit('bob', secret.id, { content: 'x' }), { code: 'not_found' });
  await assert.rejects(persona.memories.forget('bob', secret.id), { code: 'not_found' });
  assert.equal((await persona.memories.list('bob')).length, 0);
  assert.equal((await persona.memories.get('ann', secret.id))?.content, 'Ann\'s door code is 4711.');
  assert.deepEqual((await persona.users.list()).map((user) => user.id).sort(), ['ann', 'bob']);
});
