import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAnswerStreamFilter, extractAnswer } from './reason-answer-stream.ts';

function streamIn(text: string, cuts: number[]): string[] {
  const filter = createAnswerStreamFilter();
  const deltas: string[] = [];
  let at = 0;
  for (const cut of [...cuts, text.length]) {
    deltas.push(filter.push(text.slice(at, cut)));
    at = cut;
  }
  deltas.push(filter.end());
  return deltas.filter((delta) => delta !== '');
}

const SAMPLES = [
  '<think>She likes <b>bold</b> plans.</think>\n<answer>\n  Try the  new trail\nat dawn. </answer> trailing',
  '<think>hmm</think><retrieve>{"keywords": ["a"]}</retrieve><answer>never forwarded</answer>',
  '<ANSWER>Upper-case tags work</Answer>',
  '<answer>unclosed answer with a < sign',
  '<answer>cut at a partial tag </ans',
  'no tags at all',
  '<think>Maybe <answer> is premature.</think><retrieve>{"keywords": []}</retrieve>',
  '<think>short<answer>Yes, unclosed think.</answer>',
  '<think>a <retrieve> b</think> <think>c</think><answer>After two thinks.</answer>',
  '<think>never closed <retrieve>{"keywords": ["x"]}</retrieve>',
];

test('the deltas equal the extracted answer for every way of splitting the stream', () => {
  for (const sample of SAMPLES) {
    const whole = extractAnswer(sample).answer;
    for (let first = 0; first <= sample.length; first += 1) {
      for (const second of [first + 1, first + 3, first + 7]) {
        const cuts = second < sample.length ? [first, second] : [first];
        assert.equal(streamIn(sample, cuts).join(''), whole, `${JSON.stringify(sample)} cut at ${cuts.join(',')}`);
      }
    }
  }
});

test('only the text inside <answer> is forwarded, trimmed; thinking and retrieve never leak', () => {
  assert.equal(extractAnswer(SAMPLES[0] as string).answer, 'Try the  new trail\nat dawn.');
  assert.deepEqual(extractAnswer(SAMPLES[1] as string), { decision: 'retrieve', answer: '', closed: false });
  assert.equal(extractAnswer(SAMPLES[2] as string).answer, 'Upper-case tags work');
  assert.deepEqual(extractAnswer(SAMPLES[3] as string), { decision: 'answer', answer: 'unclosed answer with a < sign', closed: false });
  assert.equal(extractAnswer(SAMPLES[4] as string).answer, 'cut at a partial tag');
  assert.deepEqual(extractAnswer(SAMPLES[5] as string), { decision: null, answer: '', closed: false });
});

test('decision tags inside a closed <think> are musings; inside an unclosed one they count', () => {
  assert.deepEqual(extractAnswer(SAMPLES[6] as string), { decision: 'retrieve', answer: '', closed: false });
  assert.deepEqual(extractAnswer(SAMPLES[7] as string), { decision: 'answer', answer: 'Yes, unclosed think.', closed: true });
  assert.equal(extractAnswer(SAMPLES[8] as string).answer, 'After two thinks.');
  assert.equal(extractAnswer(SAMPLES[9] as string).decision, 'retrieve');
  // An answer inside an unclosed think is held back until the stream shows the block never closes.
  const filter = createAnswerStreamFilter();
  assert.equal(filter.push('<think>hmm <answer>Held'), '');
  assert.equal(filter.push(' back.</answer>'), '');
  assert.equal(filter.end(), 'Held back.');
});

test('text arrives as soon as it cannot be part of a tag', () => {
  const filter = createAnswerStreamFilter();
  assert.equal(filter.push('<think>x</think><ans'), '');
  assert.equal(filter.push('wer>Hello'), 'Hello');
  assert.equal(filter.push(' there </'), ' there');
  assert.equal(filter.push('answer> more'), '');
  assert.equal(filter.end(), '');
  assert.equal(filter.closed, true);
});
