// The proxy's and the MCP prompt's memory block: its rendered text (snapshot), and the parser that takes a block
// out of text it was pasted into, closed or cut off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchPromptSnapshot } from './test-support/snapshot.ts';
import { buildMemoryContext, MEMORY_CONTEXT_PROMPT, stripMemoryContext } from './memory-context.ts';

const full = buildMemoryContext({
  profile: ['Name: Ann', 'Residence: Porto'],
  habits: ['Swims every Tuesday morning.'],
  personality: { openness: 4.1, conscientiousness: 3, extraversion: 2.2, agreeableness: 3, neuroticism: 3 },
  items: ['[2026-03-01 09:00 (Sunday)]\nUser: I adopted a grey cat called Miso.', 'Ann is allergic to peanuts.'],
  at: new Date('2026-03-03T18:00:00Z'),
});
const empty = buildMemoryContext({ profile: [], habits: [], personality: null, items: [], at: new Date('2026-03-03T18:00:00Z'), timeZone: 'Europe/Lisbon' });

test(`prompt ${MEMORY_CONTEXT_PROMPT.id}@${MEMORY_CONTEXT_PROMPT.version} renders as its snapshot, full and empty`, () => {
  matchPromptSnapshot(`${MEMORY_CONTEXT_PROMPT.id}.v${MEMORY_CONTEXT_PROMPT.version}`, `${full}\n\n${empty}\n`);
});

test('stripMemoryContext removes closed, repeated and truncated blocks and keeps the text around them', () => {
  assert.equal(stripMemoryContext(`Be brief.\n\n${full}`), 'Be brief.');
  assert.equal(stripMemoryContext(`${full}\nBe brief.`), 'Be brief.');
  assert.equal(stripMemoryContext(`Before.\n${full}\nBetween.\n${empty}\nAfter.`), 'Before.\nBetween.\nAfter.');
  assert.equal(stripMemoryContext(`Keep this.\n${full.slice(0, 120)}`), 'Keep this.', 'a block cut off runs to the end');
  assert.equal(stripMemoryContext('No block here. </personavlm_memory> stray close tag'), 'No block here. </personavlm_memory> stray close tag');
  assert.equal(stripMemoryContext(full), '');
});
