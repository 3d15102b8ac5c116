// Snapshot of every form a recalled item takes in a prompt (dialogue windows, turn lines, memories), committed under
// __snapshots__/: the answering prompts and the LoCoMo figures read exactly this text, so a change shows up in review
// (and bumps recallItemsPrompt's version). Regenerate deliberately with UPDATE_PROMPT_SNAPSHOTS=1.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Memory } from '../memory/types.ts';
import { recallItemsPrompt, renderMemory, renderSessionItem, renderTurnLine, renderWindowHeader, SKIPPED_TURNS } from './recall-items.ts';
import { matchPromptSnapshot } from './test-support/snapshot.ts';

const saidAt = new Date('2026-10-02T09:15:00Z');
type RenderedMemory = Pick<Memory, 'type' | 'content' | 'eventTime' | 'validFrom' | 'detail'>;
const memory = (type: Memory['type'], content: string, extra: Partial<RenderedMemory> = {}): RenderedMemory => ({ type, content, eventTime: null, validFrom: saidAt, detail: {}, ...extra });

const memories: [string, RenderedMemory][] = [
  ['said the day it is about', memory('semantic', 'User has a dog named Rex.')],
  ['about another day', memory('semantic', "User's brother is visiting on Saturday.", { eventTime: { from: new Date('2026-10-03T00:00:00Z'), to: new Date('2026-10-04T00:00:00Z') } })],
  ['about several days', memory('episodic', 'User spent a long weekend in Lisbon.', { eventTime: { from: new Date('2026-10-03T00:00:00Z'), to: new Date('2026-10-06T00:00:00Z') } })],
  ['about a period with no end', memory('procedural', 'User swims every Monday.', { eventTime: { from: new Date('2026-09-28T00:00:00Z'), to: null } })],
  ['outdated', memory('episodic', 'User talked about the new job at Acme.', {
    detail: { outdatedBy: [{ previousId: 'a', currentId: 'b', previous: 'User works at Acme.', current: 'User works at Solaris.', at: '2026-11-20T10:00:00Z' }] },
  })],
  ['core', memory('core', 'Name: Anna')],
];

function renderAll(timeZone?: string): string {
  const lines = [
    renderTurnLine({ speaker: 'Caroline', role: 'user', text: 'I went to a LGBTQ support group yesterday.' }, 'a poster; text: "PRIDE GROUP"'),
    renderTurnLine({ speaker: null, role: 'user', text: 'My dog Max woke me up at 5 again' }, ''),
    renderTurnLine({ speaker: null, role: 'assistant', text: 'Poor you!' }, ''),
  ];
  const sections = [
    `--- a dialogue window: two runs of one session ---\n${renderSessionItem(new Date('2023-05-08T13:56:00Z'), [lines.slice(0, 1), lines.slice(1)], timeZone)}`,
    ...memories.map(([name, item]) => `--- memory ${name} ---\n${renderMemory(item, timeZone)}`),
  ];
  return `${sections.join('\n\n')}\n`;
}

test(`prompt ${recallItemsPrompt.id}@${recallItemsPrompt.version} renders as its snapshot`, () => {
  matchPromptSnapshot(`${recallItemsPrompt.id}.v${recallItemsPrompt.version}`, renderAll());
});

test('recall items show the local weekday and time of the configured zone', () => {
  const instant = new Date('2026-03-02T04:30:00Z');
  assert.equal(renderSessionItem(instant, [['Ann: hi']], 'America/Los_Angeles'), '[2026-03-01 20:30 (Sunday)]\nAnn: hi');
  assert.equal(renderSessionItem(instant, [['Ann: hi']]), '[2026-03-02 04:30 (Monday)]\nAnn: hi');
  assert.equal(renderWindowHeader(instant, 'Asia/Tokyo'), '[2026-03-02 13:30 (Monday)]');
  const said = memory('episodic', 'Ann went to the market.', { validFrom: instant });
  assert.equal(renderMemory(said, 'Europe/Lisbon'), '[episodic memory, 2026-03-02 (Monday)] Ann went to the market.');
  assert.equal(renderMemory(said, 'America/Los_Angeles'), '[episodic memory, 2026-03-01 (Sunday)] Ann went to the market.');
  // The day a memory is about is the zone's day too: midnight UTC is still the day before in Los Angeles.
  const about = memory('semantic', 'Visit.', { validFrom: instant, eventTime: { from: new Date('2026-03-05T00:00:00Z'), to: new Date('2026-03-06T00:00:00Z') } });
  assert.equal(renderMemory(about, 'America/Los_Angeles'), '[semantic memory, said 2026-03-01 (Sunday), about 2026-03-04 (Wednesday) to 2026-03-05 (Thursday)] Visit.');
});

test('runs of one session are parted by the skipped-turns line, never before the first', () => {
  const rendered = renderSessionItem(new Date('2023-05-08T13:56:00Z'), [['A: one'], ['B: two'], ['A: three']]);
  assert.deepEqual(rendered.split('\n'), ['[2023-05-08 13:56 (Monday)]', 'A: one', SKIPPED_TURNS, 'B: two', SKIPPED_TURNS, 'A: three']);
});
