// Tiny real runs of the recall-latency benchmark (50 turns per user): the report's shape, per-user scoping and
// the baselines beside recall. No timing assertions: speed goals belong in the benchmark, not in tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLocomo } from '../../datasets/locomo/load-locomo.ts';
import { FixedTextEmbedder } from '../../test/fixed-text-embedder.ts';
import { openTestStore } from '../../test/test-store.ts';
import { enrichText } from '../../enrichment/index.ts';
import { loadSyntheticUser } from './bulk-load.ts';
import { latencyMarkdown } from './latency-markdown.ts';
import { benchmarkQueries, sourceTurns } from './queries.ts';
import { runLatency } from './run-latency.ts';
import { seededRandom } from './seeded-random.ts';
import { createTextGenerator } from './text-generator.ts';

const conversations = await loadLocomo('../shared/data/locomo/locomo-dev.json');
const postgresUrl = process.env.PERSONAVLM_TEST_POSTGRES_URL;

test('the synthetic text is deterministic per seed and made of the source turns\' words', () => {
  const generator = createTextGenerator(sourceTurns(conversations));
  const a = Array.from({ length: 5 }, ((random) => () => generator.turn(random))(seededRandom(7)));
  const b = Array.from({ length: 5 }, ((random) => () => generator.turn(random))(seededRandom(7)));
  const c = Array.from({ length: 5 }, ((random) => () => generator.turn(random))(seededRandom(8)));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  const vocabulary = new Set(sourceTurns(conversations).flatMap((text) => text.split(/\s+/)));
  for (const word of a.join(' ').split(/\s+/)) assert.ok(vocabulary.has(word), word);
});

test('benchmarkQueries takes LoCoMo questions round-robin over the conversations, no more than asked', () => {
  const queries = benchmarkQueries(conversations, 7);
  assert.equal(queries.length, 7);
  assert.equal(queries[0], conversations[0]!.questions[0]!.question);
  assert.equal(queries[1], conversations[1]!.questions[0]!.question);
});

test('loadSyntheticUser writes closed sessions of enriched turns, memories pointing at them, the same text for the same seed', async () => {
  const store = await openTestStore();
  try {
    const generator = createTextGenerator(sourceTurns(conversations));
    const options = { turns: 30, seed: 3, generator, enrich: enrichText, embedder: null };
    const first = await loadSyntheticUser(store, { ...options, userId: 'a' });
    await loadSyntheticUser(store, { ...options, userId: 'b' });
    const [turnsA, turnsB] = [await store.turns.list('a'), await store.turns.list('b')];
    assert.equal(turnsA.length, 30);
    assert.deepEqual(turnsA.map((t) => t.text), turnsB.map((t) => t.text));
    assert.ok(turnsA.every((t) => t.enrichment !== null), 'every turn enriched');
    assert.ok((await store.sessions.list('a')).every((s) => s.closedAt !== null), 'every session closed');
    const memories = await store.memories.list('a');
    assert.equal(memories.length, first.memories);
    assert.ok(memories.length >= 2 && memories.every((m) => m.sourceTurnIds.length === 1 && first.turnIds.has(m.sourceTurnIds[0]!)));
  } finally {
    await store.close();
  }
});

test('bench recall-latency: recall beside vector search (pgvector and exact), other users never recalled', async () => {
  const report = await runLatency({
    dataset: 'locomo-dev.json',
    conversations,
    sizes: [50],
    engines: ['pglite', 'postgres'],
    ...(postgresUrl ? { postgresUrl } : {}),
    embedder: new FixedTextEmbedder({ dimensions: 16 }),
    queries: 5,
    repeats: 2,
  });
  assert.equal(report.results.length, postgresUrl ? 2 : 1);
  assert.deepEqual(report.skipped.map((s) => s.engine), postgresUrl ? [] : ['postgres']);
  for (const result of report.results) {
    assert.equal(result.size, 50);
    assert.equal(result.users, 3);
    assert.ok(result.memoriesPerUser > 0);
    assert.equal(result.recall.count, 10);
    assert.equal(result.vectorSearch?.exact.count, 10);
    assert.equal(result.foreignItems, 0, 'recall returns only the owner\'s turns');
    assert.ok(result.database.bytes > 0);
  }
  const pglite = report.results.find((r) => r.engine === 'pglite')!;
  assert.equal(pglite.vectorSearch?.pgvector?.count, 10, 'PGlite has pgvector: both paths timed');
  assert.ok(pglite.database.bytes > pglite.database.emptyBytes, 'the loaded data shows in the data directory');
  const markdown = latencyMarkdown(report);
  assert.match(markdown, /\| pglite \| 50 \| \d+ \| [\d.]+ \|/);
  assert.match(markdown, /## Vector search baseline/);
  if (!postgresUrl) assert.match(markdown, /Skipped postgres: no PostgreSQL URL/);
});
