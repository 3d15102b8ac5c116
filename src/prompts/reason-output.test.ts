import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_ANSWER_FALLBACK, parseReasonOutput, type ReasonOutput } from './reason-output.ts';

const codes = (output: ReasonOutput) => output.warnings.map((warning) => warning.code);

function asAnswer(output: ReasonOutput): string {
  assert.equal(output.kind, 'answer', JSON.stringify(output));
  return output.kind === 'answer' ? output.answer : '';
}

test('a well-formed answer parses without warnings', () => {
  const output = parseReasonOutput('<think>She asked about her dog.</think>\n<answer> Biscuit is doing well! </answer>');
  assert.equal(asAnswer(output), 'Biscuit is doing well!');
  assert.equal(output.think, 'She asked about her dog.');
  assert.deepEqual(codes(output), []);
});

test('a well-formed retrieve parses keywords and a time range (end covers its minute)', () => {
  const output = parseReasonOutput(
    '<think>Need the trip.</think><retrieve>{"keywords": ["trip", "Paris"], "start_time": "2026-05-01 00:00", "end_time": "2026-05-03 18:30", "types": ["episodic", "Semantic Memory"]}</retrieve>',
  );
  assert.equal(output.kind, 'retrieve');
  if (output.kind !== 'retrieve') return;
  assert.deepEqual(output.request.keywords, ['trip', 'Paris']);
  assert.equal(output.request.range?.from?.toISOString(), '2026-05-01T00:00:00.000Z');
  assert.equal(output.request.range?.to?.toISOString(), '2026-05-03T18:31:00.000Z');
  assert.deepEqual(output.request.types, ['episodic', 'semantic']);
  assert.deepEqual(codes(output), []);
});

test('a missing closing </answer> is read to the end, with a repair warning', () => {
  const output = parseReasonOutput('<think>ok</think><answer>See you Thursday');
  assert.equal(asAnswer(output), 'See you Thursday');
  assert.deepEqual(codes(output), ['model_output_repaired']);
});

test('a missing closing </think> ends at the decision tag', () => {
  const output = parseReasonOutput('<think>short<answer>Yes.</answer>');
  assert.equal(asAnswer(output), 'Yes.');
  assert.equal(output.think, 'short');
  assert.deepEqual(codes(output), ['model_output_repaired']);
});

test('decision tags the model mentions inside a closed <think> are ignored', () => {
  const output = parseReasonOutput('<think>I could <answer> now, but better check.</think><retrieve>{"keywords": ["gym"]}</retrieve>');
  assert.equal(output.kind, 'retrieve');
  assert.equal(output.think, 'I could <answer> now, but better check.');
  assert.deepEqual(codes(output), []);
});

test('both <answer> and <retrieve>: the first one wins, with a warning', () => {
  const retrieveFirst = parseReasonOutput('<retrieve>{"keywords": ["gym"]}</retrieve><answer>You go on Mondays.</answer>');
  assert.equal(retrieveFirst.kind, 'retrieve');
  assert.deepEqual(codes(retrieveFirst), ['model_output_ambiguous']);
  const answerFirst = parseReasonOutput('<answer>Mondays.</answer><retrieve>{"keywords": ["gym"]}</retrieve>');
  assert.equal(asAnswer(answerFirst), 'Mondays.');
  assert.deepEqual(codes(answerFirst), ['model_output_ambiguous']);
});

test('no tags at all: the text is the answer, with a warning', () => {
  const output = parseReasonOutput('  Sure, the museum opens at nine.  ');
  assert.equal(asAnswer(output), 'Sure, the museum opens at nine.');
  assert.deepEqual(codes(output), ['model_output_untagged']);
});

test('only a <think>: retrieve with the input in a middle round, the reasoning as answer in the last', () => {
  const middle = parseReasonOutput('<think>I should look this up.</think>');
  assert.equal(middle.kind, 'retrieve');
  assert.deepEqual(codes(middle), ['model_output_empty']);
  const last = parseReasonOutput('<think>I should look this up.</think>', { mustAnswer: true });
  assert.equal(asAnswer(last), 'I should look this up.');
  assert.deepEqual(codes(last), ['model_output_untagged']);
});

test('mustAnswer turns a retrieve into an answer: a later <answer>, else the prose, never empty', () => {
  const withAnswer = parseReasonOutput('<think>t</think><retrieve>{"keywords": []}</retrieve><answer>Fine.</answer>', { mustAnswer: true });
  assert.equal(asAnswer(withAnswer), 'Fine.');
  assert.ok(codes(withAnswer).includes('final_round_not_answered'));
  const prose = parseReasonOutput('Let me check. <retrieve>{"keywords": ["x"]}</retrieve>', { mustAnswer: true });
  assert.equal(asAnswer(prose), 'Let me check.');
  const nothing = parseReasonOutput('<retrieve>{"keywords": ["x"]}</retrieve>', { mustAnswer: true });
  assert.equal(asAnswer(nothing), EMPTY_ANSWER_FALLBACK);
  assert.deepEqual(codes(nothing), ['final_round_not_answered', 'answer_empty']);
  const empty = parseReasonOutput('', { mustAnswer: true });
  assert.equal(asAnswer(empty), EMPTY_ANSWER_FALLBACK);
});

test('retrieve JSON in a code fence, with prose and Python literals, is repaired with a warning', () => {
  const output = parseReasonOutput(
    "<think>x</think><retrieve>Here you go:\n```json\n{'keywords': ['dog', 'vet'], 'start_time': None, 'end_time': None,}\n```</retrieve>",
  );
  assert.equal(output.kind, 'retrieve');
  if (output.kind !== 'retrieve') return;
  assert.deepEqual(output.request.keywords, ['dog', 'vet']);
  assert.equal(output.request.range, null);
  assert.deepEqual(codes(output), ['model_output_repaired']);
  assert.deepEqual(output.warnings[0]?.details?.repairs, ['code_fence', 'single_quotes', 'python_literals', 'trailing_commas']);
});

test('truncated retrieve JSON (no closing tag, cut mid-string) keeps its complete keywords', () => {
  const output = parseReasonOutput('<retrieve>{"keywords": ["concert", "Tay');
  assert.equal(output.kind, 'retrieve');
  if (output.kind !== 'retrieve') return;
  assert.deepEqual(output.request.keywords, ['concert'], 'the unfinished keyword is dropped, not guessed');
  assert.deepEqual(codes(output), ['model_output_repaired', 'model_output_repaired']);
});

test('a bad date is ignored with a retrieve_date_ignored warning; a good bound is kept', () => {
  const output = parseReasonOutput('<retrieve>{"keywords": ["party"], "start_time": "last Tuesday", "end_time": "2026-02-30 10:00"}</retrieve>');
  assert.equal(output.kind, 'retrieve');
  if (output.kind !== 'retrieve') return;
  assert.equal(output.request.range, null);
  assert.deepEqual(codes(output), ['retrieve_date_ignored', 'retrieve_date_ignored']);
  assert.deepEqual(output.warnings.map((warning) => warning.details?.field), ['start_time', 'end_time']);
  const oneBad = parseReasonOutput('<retrieve>{"keywords": ["party"], "start_time": "yesterday", "end_time": "2026-05-03 10:00"}</retrieve>');
  assert.deepEqual(oneBad.kind === 'retrieve' ? oneBad.request.range : null, { from: null, to: new Date('2026-05-03T10:01:00Z') });
  assert.deepEqual(codes(oneBad), ['retrieve_date_ignored']);
  const dayOnly = parseReasonOutput('<retrieve>{"keywords": [], "start_time": "2026-05-01", "end_time": "2026-05-01"}</retrieve>');
  assert.equal(dayOnly.kind === 'retrieve' ? dayOnly.request.range?.to?.toISOString() : null, '2026-05-02T00:00:00.000Z');
});

test('a bound copied from a prompt stamp, weekday and all, is read; a weekday that is not the date\'s is refused and said', () => {
  const copied = parseReasonOutput('<retrieve>{"keywords": ["party"], "start_time": "2026-05-01 (Friday)", "end_time": "2026-05-03 10:00 (Sunday)"}</retrieve>');
  assert.deepEqual(copied.kind === 'retrieve' ? copied.request.range : null, { from: new Date('2026-05-01T00:00:00Z'), to: new Date('2026-05-03T10:01:00Z') });
  assert.deepEqual(codes(copied), []);
  const miscounted = parseReasonOutput('<retrieve>{"keywords": ["party"], "start_time": "2026-05-01 (Saturday)", "end_time": null}</retrieve>');
  assert.equal(miscounted.kind === 'retrieve' ? miscounted.request.range : 'not a retrieve', null);
  assert.match(miscounted.warnings[0]?.feedback ?? '', /"2026-05-01 \(Saturday\)" names a weekday that is not that date's/);
});

test('a range that ends before it starts is dropped with a warning', () => {
  const output = parseReasonOutput('<retrieve>{"keywords": ["a"], "start_time": "2026-05-03 10:00", "end_time": "2026-05-01 10:00"}</retrieve>');
  assert.equal(output.kind === 'retrieve' ? output.request.range : 'not a retrieve', null);
  assert.deepEqual(codes(output), ['retrieve_date_ignored']);
});

test('plain-text retrieve arguments become keywords; unknown types are dropped with a warning', () => {
  const plain = parseReasonOutput('<retrieve>hiking, Mount Rainier</retrieve>');
  assert.deepEqual(plain.kind === 'retrieve' ? plain.request.keywords : null, ['hiking', 'Mount Rainier']);
  assert.deepEqual(codes(plain), ['model_output_repaired']);
  const types = parseReasonOutput('<retrieve>{"keywords": "hiking", "types": ["feelings"]}</retrieve>');
  assert.deepEqual(types.kind === 'retrieve' ? [types.request.keywords, types.request.types] : null, [['hiking'], null]);
  assert.deepEqual(codes(types), ['retrieve_type_ignored']);
});

test('<retrieve> times are wall-clock in the configured zone: local midnight in Los Angeles is 08:00 UTC', () => {
  const body = '<retrieve>{"keywords": ["market"], "start_time": "2026-03-01 00:00", "end_time": "2026-03-08"}</retrieve>';
  const output = parseReasonOutput(body, { timeZone: 'America/Los_Angeles' });
  assert.equal(output.kind, 'retrieve');
  if (output.kind !== 'retrieve') return;
  assert.equal(output.request.range?.from?.toISOString(), '2026-03-01T08:00:00.000Z');
  // A bare end day covers the whole local day, which is 23 hours long there (DST starts on 8 March 2026).
  assert.equal(output.request.range?.to?.toISOString(), '2026-03-09T07:00:00.000Z');
  const utc = parseReasonOutput(body);
  assert.equal(utc.kind === 'retrieve' ? utc.request.range?.from?.toISOString() : null, '2026-03-01T00:00:00.000Z');
});
