import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryInRange } from './time-filter.ts';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const range = (from: string | null, to: string | null) => ({ from: from ? day(from) : null, to: to ? day(to) : null });

test('a memory is in a range when it was said in it or is about a period overlapping it; from inclusive, to exclusive', () => {
  // Said on 2 October about the visit on 3 October.
  const visit = { validFrom: new Date('2026-10-02T10:00:00Z'), eventTime: { from: day('2026-10-03'), to: day('2026-10-04') } };
  assert.ok(memoryInRange(visit, range('2026-10-03', '2026-10-04')), 'about the range');
  assert.ok(memoryInRange(visit, range('2026-10-02', '2026-10-03')), 'said in the range');
  assert.ok(!memoryInRange(visit, range('2026-10-05', null)), 'neither');
  assert.ok(!memoryInRange(visit, range(null, '2026-10-02')), 'to is exclusive: said after it');
  const fact = { validFrom: day('2026-10-02'), eventTime: null };
  assert.ok(memoryInRange(fact, range('2026-10-02', '2026-10-03')), 'from is inclusive');
  assert.ok(!memoryInRange(fact, range('2026-10-01', '2026-10-02')), 'a lasting fact only by when it was said');
});
