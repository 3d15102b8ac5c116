import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startsNewSession } from './sessions.ts';

test('a session breaks only when the gap is strictly larger than the configured minutes', () => {
  const last = new Date('2024-01-01T10:00:00Z');
  assert.equal(startsNewSession({ lastTurnAt: null, at: last, gapMinutes: 60 }), true);
  assert.equal(startsNewSession({ lastTurnAt: last, at: new Date('2024-01-01T11:00:00Z'), gapMinutes: 60 }), false);
  assert.equal(startsNewSession({ lastTurnAt: last, at: new Date('2024-01-01T11:00:01Z'), gapMinutes: 60 }), true);
  assert.equal(startsNewSession({ lastTurnAt: last, at: new Date('2024-01-01T10:20:00Z'), gapMinutes: 15 }), true);
  assert.equal(startsNewSession({ lastTurnAt: last, at: new Date('2024-01-01T09:00:00Z'), gapMinutes: 60 }), false);
});
