import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAY_HOLD_DATE, resolveDates } from './resolve-dates.ts';
import { readFile } from 'node:fs/promises';
import * as chrono from 'chrono-node';
import { LOCOMO_DEV } from '../remember/test-support/locomo.ts';

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

// Friday 2 October 2026, 10:00 UTC: a bare weekday or a date without a year points the way the clause's tense does.
const friday = new Date('2026-10-02T10:00:00Z');
const tenseCases: [string, string][] = [
  ['Since Monday I work at Solaris', '2026-09-28'],
  ['I started the new job on Monday', '2026-09-28'],
  ['Monday was a long day', '2026-09-28'],
  ["I've been sick since Tuesday", '2026-09-29'],
  ['We are meeting Thursday', '2026-10-08'],
  ['I will call her on Wednesday', '2026-10-07'],
  ['my brother is visiting this Saturday', '2026-10-03'],
  ['Let us talk on Monday', '2026-10-05'],
  ['I moved here in March', '2026-03-01'],
  ["I'm flying to Rome in March", '2027-03-01'],
  ['My exam is on 5 March and I am going to pass', '2027-03-05'],
  ['I ran a half marathon on 20 September', '2026-09-20'],
];
for (const [text, from] of tenseCases) {
  test(`tense: "${text}" said on Friday 2026-10-02 starts ${from}`, () => {
    const [date] = resolveDates(text, friday);
    assert.equal(date?.from.toISOString().slice(0, 10), from, JSON.stringify(date));
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
  for (const text of ['She keeps me company when I sleep in the day.', 'I am busy in the week.', 'Within the hour it rained.']) {
    assert.deepEqual(resolveDates(text, at), [], `"in the <unit>" is a part of time, not one unit from now: ${text}`);
  }
  assert.equal(only('I will be done in a day').from, '2023-05-09', '"in a day" still is one day from now');
});

test('the same phrase resolves differently against another anchor', () => {
  const later = resolveDates('I went yesterday', new Date('2024-01-01T09:00:00Z'))[0]!;
  assert.equal(later.from.toISOString(), '2023-12-31T00:00:00.000Z');
});

const LA = 'America/Los_Angeles';
// Monday 2 March 2026, 04:30 UTC: Sunday 1 March, 8:30 pm in Los Angeles.
const evening = new Date('2026-03-02T04:30:00Z');

test('"yesterday" at 8:30 pm in Los Angeles is the local day before, in local midnights', () => {
  const [date] = resolveDates('I went to the market yesterday', evening, { timeZone: LA });
  assert.equal(date?.from.toISOString(), '2026-02-28T08:00:00.000Z');
  assert.equal(date?.to.toISOString(), '2026-03-01T08:00:00.000Z');
  // The same instant in UTC is already Monday: yesterday is Sunday 1 March.
  assert.equal(resolveDates('I went to the market yesterday', evening)[0]?.from.toISOString(), '2026-03-01T00:00:00.000Z');
});

test('weeks and months resolve to local boundaries, across a DST change', () => {
  const [week] = resolveDates('I moved next week', evening, { timeZone: LA });
  // Monday 2 March 00:00 PST to Monday 9 March 00:00 PDT (the clocks go forward on Sunday 8 March).
  assert.deepEqual([week?.from.toISOString(), week?.to.toISOString()], ['2026-03-02T08:00:00.000Z', '2026-03-09T07:00:00.000Z']);
  const [month] = resolveDates('We start next month', evening, { timeZone: LA });
  assert.deepEqual([month?.from.toISOString(), month?.to.toISOString()], ['2026-04-01T07:00:00.000Z', '2026-05-01T07:00:00.000Z']);
  const [sunday] = resolveDates('We hiked last Sunday', evening, { timeZone: LA });
  assert.equal(sunday?.from.toISOString(), '2026-02-22T08:00:00.000Z');
});

test('text MAY_HOLD_DATE passes over holds no phrase chrono reads (LoCoMo dev turns and questions, and tricky short ones)', async () => {
  const data = JSON.parse(await readFile(LOCOMO_DEV, 'utf8')) as { conversation: Record<string, unknown>; qa: { question: string }[] }[];
  const texts = [
    ...data.flatMap((sample) => Object.values(sample.conversation).flatMap((value) => (Array.isArray(value) ? (value as { text: string }[]).map((turn) => turn.text) : []))),
    ...data.flatMap((sample) => sample.qa.map((qa) => qa.question)),
    'see you overmorrow', 'it was last night', 'next mo we go', 'in a fortnight', 'Sept is nice', 'since Thurs', 'at noon', 'the following weekend',
  ];
  const reference = new Date('2023-05-08T13:56:00Z');
  let withDates = 0;
  let passedOver = 0;
  for (const text of texts) {
    const found = chrono.parse(text, reference, { forwardDate: false });
    if (!MAY_HOLD_DATE.test(text)) {
      passedOver += 1;
      assert.deepEqual(found.map((result) => result.text), [], text);
    } else if (found.length > 0) withDates += 1;
  }
  assert.ok(texts.length > 3000 && withDates > 400, `${texts.length} texts, ${withDates} with dates`);
  assert.ok(passedOver > texts.length / 2, `most text holds no date and skips chrono (${passedOver} of ${texts.length})`);
});
