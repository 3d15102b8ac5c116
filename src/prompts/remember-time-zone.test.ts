// The remember prompts show times as the user lives them: the deployment's zone, DST included; UTC by default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatStamp } from '../memory/stamp.ts';
import { turnContextBlock } from './remember-turn-input.ts';
import { sessionContextBlock } from './remember-session-input.ts';

const at = new Date('2026-03-02T04:30:00Z');
const turn = { role: 'user' as const, speaker: null, text: 'I ran 10k yesterday.', at };

test('prompt times are wall-clock in the configured zone, UTC when none is given', () => {
  assert.equal(formatStamp(at), '2026-03-02 04:30 (Monday)');
  assert.equal(formatStamp(at, 'America/Los_Angeles'), '2026-03-01 20:30 (Sunday)');
  assert.equal(formatStamp(new Date('2026-03-09T04:30:00Z'), 'America/Los_Angeles'), '2026-03-08 21:30 (Sunday)', 'after the DST change: UTC-7');
});

test('the per-turn and per-session prompts render their turns in the zone', () => {
  const block = turnContextBlock({ turn, recent: [], related: [], personality: { openness: 3, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 }, images: [], imageSizes: [], timeZone: 'America/Los_Angeles' });
  assert.match(block, /Current time: 2026-03-01 20:30 \(Sunday\)/);
  assert.match(block, /\[2026-03-01 20:30 \(Sunday\)\] User: I ran 10k yesterday\./);
  const session = sessionContextBlock({ turns: [turn], core: [], procedural: [], ownerName: null, timeZone: 'America/Los_Angeles' });
  assert.match(session, /\[0\] \[2026-03-01 20:30 \(Sunday\)\] User:/);
});
