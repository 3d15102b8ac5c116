import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvRows } from './csv-rows.ts';

test('COPY csv: null is an unquoted empty field, text is quoted with quotes doubled, arrays are array literals', () => {
  assert.equal(
    csvRows([['', null, 'a "b", c\nd', 3, new Date('2024-03-01T10:00:00.123Z'), ['x', 'q"uote', 'back\\slash'], []]], 7),
    '"",,"a ""b"", c\nd",3,2024-03-01T10:00:00.123Z,"{""x"",""q\\""uote"",""back\\\\slash""}","{}"\n',
  );
  assert.throws(() => csvRows([['a']], 2), /a row of 1 values for 2 columns/);
  assert.throws(() => csvRows([[Number.NaN]], 1), /not a number a column can hold/);
});
