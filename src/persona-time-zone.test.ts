// memory.timeZone end to end through the composition root: a turn's "yesterday" resolves to the user's local
// day, and recall renders the turn on the local clock. No model: enrichment and retrieval need none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPersona, internalsOf } from './persona.ts';
import { openTestStore } from './test/test-store.ts';

// Monday 2 March 2026, 04:30 UTC: Sunday 1 March, 8:30 pm in Los Angeles.
const said = new Date('2026-03-02T04:30:00Z');
// Saturday 28 February, local morning to noon in Los Angeles: wholly before 1 March in UTC.
const saturdayMorning = { from: new Date('2026-02-28T16:00:00Z'), to: new Date('2026-02-28T20:00:00Z') };

async function recordAndRecall(timeZone: string | undefined) {
  const persona = createPersona({ config: timeZone ? { memory: { timeZone } } : {}, store: await openTestStore(), model: null, vision: false, embedder: null });
  await persona.open();
  try {
    const { turn: turn } = await persona.recordTurn({ userId: 'ana', role: 'user', text: 'I bought tulips at the farmers market yesterday.', at: said });
    const found = await persona.recall({ userId: 'ana', query: 'farmers market tulips', at: new Date('2026-03-05T18:00:00Z'), budgetTokens: 500, timeRange: saturdayMorning });
    await internalsOf(persona).store.memories.add('ana', { type: 'semantic', content: 'Ana grows tulips.', keywords: ['tulips'], sourceTurnIds: [turn.id], validFrom: said });
    const memory = await persona.recall({ userId: 'ana', query: 'tulips', at: new Date('2026-03-05T18:00:00Z'), budgetTokens: 500, types: ['semantic'] });
    return { turn, found, memory: memory.items.map((item) => item.text).join('\n') };
  } finally {
    await persona.close();
  }
}

test('in America/Los_Angeles, "yesterday" said at 8:30 pm on Sunday is Saturday 28 February, local midnight to midnight', async () => {
  const { turn, found, memory } = await recordAndRecall('America/Los_Angeles');
  const [date] = turn.enrichment?.dates ?? [];
  assert.equal(date?.from.toISOString(), '2026-02-28T08:00:00.000Z');
  assert.equal(date?.to.toISOString(), '2026-03-01T08:00:00.000Z');
  const texts = found.items.map((item) => item.text).join('\n');
  assert.match(texts, /tulips at the farmers market/, 'a range on the local Saturday finds the turn by its resolved date');
  assert.match(texts, /\[2026-03-01 20:30 \(Sunday\)\]/, 'the item shows the local weekday and time');
  assert.match(memory, /\[semantic memory, 2026-03-01 \(Sunday\)\] Ana grows tulips\./, 'memories are dated on the local calendar');
});

test('the default zone (UTC) keeps the old reading: the same turn names Sunday 1 March and misses Saturday', async () => {
  const { turn, found, memory } = await recordAndRecall(undefined);
  assert.equal(turn.enrichment?.dates[0]?.from.toISOString(), '2026-03-01T00:00:00.000Z');
  assert.match(memory, /\[semantic memory, 2026-03-02 \(Monday\)\]/);
  assert.doesNotMatch(found.items.map((item) => item.text).join('\n'), /tulips/);
});
