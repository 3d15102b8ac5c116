import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatStamp, formatStampDay, parseStamp } from './stamp.ts';

test('one stamp: moment and day with the weekday, on the zone\'s clock', () => {
  const at = new Date('2023-05-08T13:56:00Z');
  assert.equal(formatStamp(at), '2023-05-08 13:56 (Monday)');
  assert.equal(formatStampDay(at), '2023-05-08 (Monday)');
  assert.equal(formatStamp(new Date('2024-01-07T00:05:00Z')), '2024-01-07 00:05 (Sunday)');
  assert.equal(formatStamp(at, 'Asia/Tokyo'), '2023-05-08 22:56 (Monday)');
  assert.equal(formatStamp(new Date('2023-05-08T03:00:00Z'), 'America/Los_Angeles'), '2023-05-07 20:00 (Sunday)');
  assert.equal(formatStamp(null), 'time unknown');
});

test('what is written is read back: every stamp parses to its own minute, in any zone', () => {
  for (const zone of ['UTC', 'America/Los_Angeles', 'Asia/Kolkata']) {
    for (const iso of ['2023-05-08T13:56:00Z', '2024-02-29T23:59:00Z', '2026-03-08T10:30:00Z', '2026-11-01T08:15:00Z']) {
      const at = new Date(iso);
      assert.equal(parseStamp(formatStamp(at, zone), zone)?.date.toISOString(), at.toISOString(), `${iso} in ${zone}`);
      const day = parseStamp(formatStampDay(at, zone), zone);
      assert.equal(day?.dayOnly, true);
      assert.equal(formatStampDay(day!.date, zone), formatStampDay(at, zone));
    }
  }
});

test('a stamp reads with or without its weekday, full or short, bracketed or after a comma', () => {
  const minute = '2023-05-08T13:56:00.000Z';
  for (const text of ['2023-05-08 13:56', '2023-05-08T13:56', '2023-05-08 13:56 (Monday)', '2023-05-08 13:56 (mon)', '2023-05-08 13:56, Monday', ' 2023-05-08 13:56 ( Mon ) ']) {
    assert.equal(parseStamp(text)?.date.toISOString(), minute, text);
    assert.equal(parseStamp(text)?.dayOnly, false);
  }
  assert.deepEqual(parseStamp('2023-05-08 (Monday)'), { date: new Date('2023-05-08T00:00:00Z'), dayOnly: true });
});

test('not a date, a rolled-over date or a weekday that is not the date\'s: no time', () => {
  for (const text of ['', 'yesterday', '2023-02-30', '2023-05-08 24:00', '2023-05-08 13:60', '2023-05-08 (Tuesday)', '2023-05-08 13:56 (Sun)', '2023-05-08 (Mo)', '2023-05-08 (Moonday)', '8 May 2023']) {
    assert.equal(parseStamp(text), null, text);
  }
});

test('a date whose weekday disagrees reads only when asked to ignore the weekday', () => {
  assert.equal(parseStamp('2023-05-08 13:56 (Sunday)'), null);
  assert.equal(parseStamp('2023-05-08 13:56 (Sunday)', 'UTC', { ignoreWeekday: true })?.date.toISOString(), '2023-05-08T13:56:00.000Z');
});
