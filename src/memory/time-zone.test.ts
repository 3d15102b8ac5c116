import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addZonedDays, instantOf, isValidTimeZone, wallClock, zoneOffsetMs } from './time-zone.ts';

const LA = 'America/Los_Angeles';
const LISBON = 'Europe/Lisbon';

test('wall clock of an instant in a zone, weekday included', () => {
  // 04:30 UTC on Monday 2 March 2026 is 20:30 on Sunday 1 March in Los Angeles (PST, UTC-8).
  assert.deepEqual(wallClock(new Date('2026-03-02T04:30:00Z'), LA), { year: 2026, month: 3, day: 1, hour: 20, minute: 30, second: 0, weekday: 0 });
  assert.deepEqual(wallClock(new Date('2026-03-02T04:30:00Z')), { year: 2026, month: 3, day: 2, hour: 4, minute: 30, second: 0, weekday: 1 });
});

test('offsets follow DST: Los Angeles on 2026-03-08, Lisbon on 2026-03-29', () => {
  assert.equal(zoneOffsetMs(new Date('2026-03-08T09:59:00Z'), LA), -8 * 3_600_000);
  assert.equal(zoneOffsetMs(new Date('2026-03-08T10:00:00Z'), LA), -7 * 3_600_000);
  assert.equal(zoneOffsetMs(new Date('2026-03-29T00:59:00Z'), LISBON), 0);
  assert.equal(zoneOffsetMs(new Date('2026-03-29T01:00:00Z'), LISBON), 3_600_000);
});

test('the instant of a wall-clock time, either side of a DST change', () => {
  assert.equal(instantOf({ year: 2026, month: 3, day: 8 }, LA).toISOString(), '2026-03-08T08:00:00.000Z');
  assert.equal(instantOf({ year: 2026, month: 3, day: 9 }, LA).toISOString(), '2026-03-09T07:00:00.000Z');
  assert.equal(instantOf({ year: 2026, month: 3, day: 29, hour: 12 }, LISBON).toISOString(), '2026-03-29T11:00:00.000Z');
  assert.equal(instantOf({ year: 2026, month: 3, day: 28, hour: 12 }, LISBON).toISOString(), '2026-03-28T12:00:00.000Z');
  // 02:30 does not exist in Los Angeles on 8 March 2026: it maps to the instant the clock shows 03:30.
  assert.equal(instantOf({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, LA).toISOString(), '2026-03-08T10:30:00.000Z');
  // Fields roll over as in Date.UTC.
  assert.equal(instantOf({ year: 2026, month: 2, day: 29 }, LA).toISOString(), '2026-03-01T08:00:00.000Z');
});

test('round trip wall clock ↔ instant for every hour across the Lisbon change', () => {
  for (let hour = 0; hour < 48; hour += 1) {
    const instant = new Date(Date.UTC(2026, 2, 28, hour));
    assert.equal(instantOf(wallClock(instant, LISBON), LISBON).getTime(), instant.getTime(), instant.toISOString());
  }
});

test('calendar days in a zone are 23 hours long on a spring-forward day', () => {
  const midnight = instantOf({ year: 2026, month: 3, day: 8 }, LA);
  assert.equal(addZonedDays(midnight, 1, LA).getTime() - midnight.getTime(), 23 * 3_600_000);
  assert.equal(addZonedDays(new Date('2026-03-08T00:00:00Z'), 1).toISOString(), '2026-03-09T00:00:00.000Z');
});

test('unknown zones are refused', () => {
  assert.equal(isValidTimeZone(LA), true);
  assert.equal(isValidTimeZone('UTC'), true);
  assert.equal(isValidTimeZone('Mars/Olympus_Mons'), false);
  assert.equal(isValidTimeZone(''), false);
});
