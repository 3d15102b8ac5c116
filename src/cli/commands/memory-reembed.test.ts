import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PersonaError } from '../../errors/index.ts';
import { reembedUser } from '../../remember/reembed.ts';
import type { PgliteStore } from '../../store/pglite-store.ts';
import { FixedTextEmbedder } from '../../test/fixed-text-embedder.ts';
import { openTestStore, unclosable } from '../../test/test-store.ts';
import type { CliIo } from '../io.ts';
import { createPersona } from '../../persona.ts';
import { createMemoryCommand } from './memory.ts';

let store: PgliteStore;
before(async () => {
  store = await openTestStore();
  for (const userId of ['ann', 'bob']) {
    const session = await store.sessions.create(userId, new Date('2024-05-01T10:00:00Z'));
    await store.turns.append(userId, { sessionId: session.id, role: 'user', text: 'I adopted a cat named Miso', at: new Date('2024-05-01T10:00:00Z') });
    await store.memories.add(userId, { type: 'semantic', content: 'The user has a cat named Miso.' });
    await reembedUser({ store, embedder: new FixedTextEmbedder({ modelId: 'model-a', dimensions: 16 }) }, userId);
  }
});
after(async () => {
  await store.close();
});


function run(args: string[], options: { isTty?: boolean; embedder?: FixedTextEmbedder } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (text) => out.push(text), stderr: (text) => err.push(text), isTty: options.isTty ?? false, env: {}, cwd: '/tmp' };
  const command = createMemoryCommand({ open: async () => createPersona({ store: unclosable(store), model: null, vision: false, embedder: options.embedder ?? null }) });
  return { done: command(args, io), out, err };
}

test('memory reembed: the configured embedder re-embeds the user; --drop-old deletes the old model; others untouched', async () => {
  const b = new FixedTextEmbedder({ modelId: 'model-b', dimensions: 24 });
  const tty = run(['reembed', '--user', 'ann'], { isTty: true, embedder: b });
  assert.equal(await tty.done, 0);
  assert.equal(tty.out.join(''), [
    'Re-embedded user "ann" with "model-b".',
    '  memories: 1 embedded, 0 already had one (1 in all)',
    '  turns: 1 embedded, 0 already had one (1 in all)',
    'Vectors of other models were kept (add --drop-old to delete them).',
    '',
  ].join('\n'));
  assert.match(tty.err.join(''), /turns: 1 done \(1 embedded\)/, 'progress on stderr');

  const json = run(['reembed', '--user', 'ann', '--drop-old'], { embedder: b });
  assert.equal(await json.done, 0);
  const report = JSON.parse(json.out.join(''));
  assert.deepEqual([report.memories.skipped, report.turns.skipped, report.dropped], [1, 1, [{ model: 'model-a', count: 2 }]]);
  assert.deepEqual(json.err, [], 'no progress noise when stdout is not a terminal');
  assert.deepEqual([...new Set((await store.embeddings.models('ann')).map((entry) => entry.model))], ['model-b']);
  assert.deepEqual([...new Set((await store.embeddings.models('bob')).map((entry) => entry.model))], ['model-a']);
});

test('memory reembed without a configured embedder says how to configure one', async () => {
  await assert.rejects(run(['reembed', '--user', 'bob']).done, (error) =>
    PersonaError.isInstance(error) && error.code === 'model_not_configured' && /Re-embedding needs a model.*PERSONAVLM_EMBEDDER_BASE_URL/.test(error.message));
  await assert.rejects(run(['reembed'], { embedder: new FixedTextEmbedder() }).done, /--user is required/);
  assert.deepEqual([...new Set((await store.embeddings.models('bob')).map((entry) => entry.model))], ['model-a']);
});
