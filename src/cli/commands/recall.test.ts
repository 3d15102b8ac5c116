import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { enrichText } from '../../enrichment/index.ts';
import { EventBus } from '../../memory/events.ts';
import { ingestHistory, rememberConfig } from '../../remember/index.ts';
import { createStore } from '../../store/index.ts';
import type { CliIo } from '../io.ts';
import { parseTime, parseTypes, run } from './recall.ts';
import { createRetriever } from '../../retrieval/index.ts';

function io(isTty: boolean): CliIo & { out: string[] } {
  const out: string[] = [];
  return { out, stdout: (text) => out.push(text), stderr: () => undefined, isTty, env: {}, cwd: process.cwd() };
}

test('flags are checked with messages that say what to write', () => {
  assert.equal(parseTime('2023-05-08 13:56', '--from').toISOString(), '2023-05-08T13:56:00.000Z');
  assert.throws(() => parseTime('last week', '--from'), /YYYY-MM-DD/);
  // A time as the CLI prints it (turns, memory show, recall) is taken back as it was printed.
  assert.equal(parseTime('2023-05-08 13:56 (Monday)', '--at').toISOString(), '2023-05-08T13:56:00.000Z');
  assert.equal(parseTime('2023-05-08 06:56 (Monday)', '--at', 'America/Los_Angeles').toISOString(), '2023-05-08T13:56:00.000Z');
  assert.throws(() => parseTime('2023-05-08 (Tuesday)', '--at'), /--at takes/);
  assert.deepEqual(parseTypes('dialogue,semantic'), ['dialogue', 'semantic']);
  assert.throws(() => parseTypes('dialog'), /--types takes/);
});

test('recall on the configured store prints items with time and provenance (JSON off a terminal, text on one)', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'personavlm-recall-'));
  try {
    const store = createStore({ engine: 'pglite', dataDir });
    await store.open();
    const history = {
      source: 'test:recall',
      sessions: [{ key: 's1', turns: [
        { role: 'user' as const, speaker: 'Ann', text: 'I moved here from Sweden four years ago.', at: new Date('2023-05-08T13:56:00Z') },
        { role: 'assistant' as const, speaker: 'Bob', text: 'Do you miss the snow?', at: new Date('2023-05-08T13:56:10Z') },
      ] }],
    };
    await ingestHistory({ store, memorySearch: createRetriever({ store }), chat: null, events: new EventBus(), enrich: enrichText, config: rememberConfig() }, 'ann', history);
    await store.close();

    const machine = io(false);
    assert.equal(await run(['Where did Ann move from?', '--user', 'ann', '--data-dir', dataDir, '--at', '2023-06-01'], machine), 0);
    const result = JSON.parse(machine.out.join('')) as { items: { text: string; source: string; sourceTurnIds: string[]; at: string }[] };
    assert.equal(result.items[0]!.source, 'dialogue');
    assert.ok(result.items[0]!.text.includes('Ann: I moved here from Sweden four years ago.'));
    assert.equal(result.items[0]!.at, '2023-05-08T13:56:00.000Z');
    assert.ok(result.items[0]!.sourceTurnIds.length >= 1);

    const human = io(true);
    assert.equal(await run(['Sweden', '--user', 'ann', '--data-dir', dataDir, '--from', '2023-06-01'], human), 0);
    assert.equal(human.out.join(''), 'No memory matched.\n', 'the time range filters everything out');
    const shown = io(true);
    await run(['Sweden', '--user', 'ann', '--data-dir', dataDir], shown);
    assert.match(shown.out.join(''), /#1 {2}dialogue · 2023-05-08 13:56 \(Monday\) · \d+ tokens/);
    // On the configured clock: the rank line and the item's own header both read Los Angeles time.
    const zoned = { ...io(true), env: { PERSONAVLM_TIME_ZONE: 'America/Los_Angeles' } };
    await run(['Sweden', '--user', 'ann', '--data-dir', dataDir], zoned);
    assert.match(zoned.out.join(''), /#1 {2}dialogue · 2023-05-08 06:56 \(Monday\) · \d+ tokens[^\n]*\n\[2023-05-08 06:56 \(Monday\)\]\nAnn: I moved here/);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
