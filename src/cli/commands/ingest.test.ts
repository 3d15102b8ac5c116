import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rememberConfig } from '../../remember/deps.ts';
import { ingestHistory } from '../../remember/ingest.ts';
import { createInMemoryStore } from '../../remember/test-support/in-memory-store.ts';
import { wordEnrichment } from '../../remember/test-support/deps.ts';
import type { CliIo } from '../io.ts';
import { createIngestCommand } from './ingest.ts';

function captureIo(isTty: boolean, cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTty, env: {}, cwd };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

test('ingest replays a JSONL history, reports a summary, and skips what is stored on a second run', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pvlm-ingest-'));
  const turns = [
    { role: 'user', text: 'I moved to Lyon last week', at: '2024-03-01T09:00:00Z' },
    { role: 'assistant', text: 'How do you like it?', at: '2024-03-01T09:01:00Z' },
    { role: 'user', text: 'Love the food', at: '2024-03-05T18:00:00Z' },
  ];
  await writeFile(join(dir, 'h.jsonl'), turns.map((t) => JSON.stringify(t)).join('\n'));
  const store = createInMemoryStore();
  const command = createIngestCommand({
    open: async (_config, events) => {
      const deps = { store, chat: null, events, enrich: wordEnrichment, config: rememberConfig() };
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
