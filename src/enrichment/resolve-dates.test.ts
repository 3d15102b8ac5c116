import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveDates } from './resolve-dates.ts';

// Monday 8 May 2023, 13:56 UTC (a LoCoMo session time).
const at = new Date('2023-05-08T13:56:00Z');

function only(text: string): { phrase: string; from: string; to: string } {
  const dates = resolveDates(text, at);
  assert.equal(dates.length, 1, `one date in "${text}", got ${JSON.stringify(dates)}`);
  const [date] = dates;
  return { phrase: date!.phrase, from: date!.from.toISOString().slice(0, 10), to: date!.to.toISOString().slice(0, 10) };
}

const cases: [string, string, string][] = [
  ['I went to a support group yesterday', '2023-05-07', '2023-05-08'],
  ['We hiked last Sunday', '2023-05-07', '2023-05-08'],
  ['I saw her last Friday', '2023-05-05', '2023-05-06'],
  ['That was two weeks ago', '2023-04-24', '2023-05-01'],
  ['I moved last week', '2023-05-01', '2023-05-08'],
  ['We start next month', '2023-06-01', '2023-07-01'],
  ['I painted it last year', '2022-01-01', '2023-01-01'],
  ['Camping this weekend!', '2023-05-13', '2023-05-15'],
  ['It opened on May 8, 2023', '2023-05-08', '2023-05-09'],
  ['Her birthday is on 8 May', '2023-05-08', '2023-05-09'],
  ['We married in 2019', '2019-01-01', '2020-01-01'],
  ['Last summer we went to the beach', '2022-06-01', '2022-09-01'],
  ['I quit 2 years ago', '2021-01-01', '2022-01-01'],
  ['I met him a few days ago', '2023-05-02', '2023-05-09'],
  ['See you tomorrow', '2023-05-09', '2023-05-10'],
  ['I went there in March', '2023-03-01', '2023-04-01'],
];

for (const [text, from, to] of cases) {
  test(`resolves "${text}" against Monday 2023-05-08`, () => {
    const got = only(text);
    assert.deepEqual({ from: got.from, to: got.to }, { from, to });
    assert.ok(text.includes(got.phrase), `phrase "${got.phrase}" is words of the text`);
  });
}

test('finds several dates in order and none in plain text', () => {
  const dates = resolveDates('Yesterday I booked the trip for next month.', at);
  assert.deepEqual(
    dates.map((date) => date.phrase.toLowerCase()),
    ['yesterday', 'next month'],
  );
  assert.deepEqual(resolveDates('I love painting sunsets with my kids.', at), []);
  assert.deepEqual(resolveDates('March on, and I may go.', at), [], 'month names used as words are not dates');
});

test('the same phrase resolves differently against another anchor', () => {
  const later = resolveDates('I went yesterday', new Date('2024-01-01T09:00:00Z'))[0]!;
  assert.equal(later.from.toISOString(), '2023-12-31T00:00:00.000Z');
});
