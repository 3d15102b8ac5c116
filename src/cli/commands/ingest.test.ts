import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rememberConfig } from '../../remember/deps.ts';
import { ingestHistory } from '../../remember/ingest.ts';
import { wordEnrichment } from '../../remember/test-support/deps.ts';
import { createPersona } from '../../persona.ts';
import { openTestStore, unclosable } from '../../test/test-store.ts';
import type { CliIo } from '../io.ts';
import { createIngestCommand } from './ingest.ts';
import { createRetriever } from '../../retrieval/index.ts';

function captureIo(isTty: boolean, cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTty, env: {}, cwd };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

test('ingest replays a JSONL history, reports a summary, and skips what is stored on a second run', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pvlm-ingest-'));
  const turns = [
    { role: 'user', text: 'I moved to Lyon last week', at: '2024-03-01T09:00:00Z' },
    { role: 'assistant', text: 'How do you like it?', at: '2024-03-01T09:01:00Z' },
    { role: 'user', text: 'Love the food', at: '2024-03-05T18:00:00Z' },
  ];
  await writeFile(join(dir, 'h.jsonl'), turns.map((turn) => JSON.stringify(turn)).join('\n'));
  const store = await openTestStore();
  t.after(() => store.close());
  const command = createIngestCommand({
    open: async (_config, events) => {
      const deps = { store, memorySearch: createRetriever({ store }), chat: null, events, enrich: wordEnrichment, config: rememberConfig() };
      return { ingest: (userId, history, options) => ingestHistory(deps, userId, history, options), chatModel: null, close: async () => {} };
    },
  });

  const machine = captureIo(false, dir);
  assert.equal(await command(['h.jsonl', '--format', 'jsonl', '--user', 'ann'], machine.io), 0);
  const summary = JSON.parse(machine.out());
  assert.deepEqual(summary.turns, { total: 3, stored: 3, skipped: 0 });
  assert.equal(summary.sessions, 2);
  assert.deepEqual(summary.warnings, { memory_model_missing: 1 });
  assert.match(machine.err(), /warning \[memory_model_missing\]/);

  const human = captureIo(true, dir);
  assert.equal(await command(['h.jsonl', '--format', 'jsonl', '--user', 'ann'], human.io), 0);
  assert.match(human.out(), /0 stored, 3 already there \(of 3\), 2 sessions/);
  assert.match(human.err(), /\[#+\] 3\/3 turns/);
  assert.equal((await store.turns.list('ann')).length, 3);

  await assert.rejects(command(['h.jsonl', '--user', 'ann'], machine.io), /--format must be one of/);
  await assert.rejects(command(['h.jsonl', '--format', 'jsonl'], machine.io), /--user/);
});

test('an import with bad lines stores nothing and names every bad line; the limit it names is a setting', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pvlm-ingest-bad-'));
  const store = await openTestStore();
  t.after(() => store.close());
  const turns = ['short one', 'x'.repeat(80), 'short two', 'y'.repeat(90)].map((text, i) => JSON.stringify({ role: 'user', text, at: `2024-03-01T09:0${i}:00Z` }));
  await writeFile(join(dir, 'h.jsonl'), turns.join('\n'));
  const command = createIngestCommand({ open: async () => createPersona({ store: unclosable(store), model: null, embedder: null, vision: false }) });
  const machine = captureIo(false, dir);
  await assert.rejects(command(['h.jsonl', '--format', 'jsonl', '--user', 'ann', '--max-text-chars', '50'], machine.io), /has 2 bad line\(s\); nothing was imported[\s\S]*line 2: text is 80[\s\S]*line 4: text is 90/);
  assert.equal(await store.users.get('ann'), null, 'nothing of the file was stored');
  assert.equal(await command(['h.jsonl', '--format', 'jsonl', '--user', 'ann', '--max-text-chars', '100'], machine.io), 0, 'raised, the same file imports whole');
  assert.equal((await store.turns.list('ann')).length, 4);
});

test('persona.ingest refuses a history with a turn over store.maxTextChars before writing any turn (every format)', async (t) => {
  const store = await openTestStore();
  t.after(() => store.close());
  const persona = createPersona({ store: unclosable(store), model: null, embedder: null, vision: false, config: { store: { maxTextChars: 20 } } });
  await persona.open();
  const at = (minute: number) => new Date(Date.UTC(2024, 2, 1, 9, minute));
  const history = { source: 'locomo:test', sessions: [{ key: 'session_1', turns: [{ role: 'user' as const, text: 'fine', at: at(0) }, { role: 'assistant' as const, text: 'a reply far too long to keep', at: at(1), externalId: 'D1:2' }] }] };
  await assert.rejects(persona.ingest('bo', history), /1 turn\(s\) of locomo:test are too long[\s\S]*session session_1 turn 2 \(D1:2\): text is 28 characters, over the limit of 20/);
  assert.equal(await store.users.get('bo'), null);
});
