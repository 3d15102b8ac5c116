import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractChoice, parseGoldLetter } from './choice-letter.ts';
import { extractYesNo } from './yes-no.ts';

const LETTERS = ['a', 'b', 'c', 'd'];
const OPTIONS = { '(a)': 'Sketching.', '(b)': 'Painting.', '(c)': 'Comic strips.', '(d)': 'Latte art.' };
const pick = (reply: string) => extractChoice(reply, LETTERS, OPTIONS).letter;

test('a letter is found however it is formatted', () => {
  for (const reply of ['(b)', 'B', 'b', 'b)', 'B.', '[b]', '**B**', '**(B)**', 'Answer: (B) Painting.', 'answer: b', 'The answer is (b).', 'Final answer: B', '<final_answer> (b)', 'Option B is the one.']) {
    assert.equal(pick(reply), 'b', reply);
  }
});

test('the option text alone counts, the longest match wins', () => {
  assert.equal(pick('Painting.'), 'b');
  assert.equal(pick('I think you are leaning towards painting these days.'), 'b');
  const nested = { '(a)': 'The food truck.', '(b)': 'Big Bertha.', '(c)': 'They are equal.', '(d)': 'The downtown food truck.' };
  assert.equal(extractChoice('Probably the downtown food truck', LETTERS, nested).letter, 'd');
});

test('the last explicit final answer beats letters mentioned while reasoning', () => {
  assert.equal(pick('(a) is tempting and (c) is fun, but the final answer is (b).'), 'b');
  assert.equal(pick('<think>maybe (a)? or (d)</think>The answer is (d).'), 'd');
  assert.equal(pick('<think>(a) or (c)…</think> (c)'), 'c');
});

test('a letter the reply turns down does not count', () => {
  assert.equal(pick("It's (b), not (a)."), 'b');
  assert.equal(pick("I'd go with (c) over (a)."), 'c');
  assert.equal(pick('(d) rather than (b)'), 'd');
  assert.equal(pick('The answer is: (b)'), 'b');
  assert.equal(extractChoice('The answer is: (b)', LETTERS, OPTIONS).reason, 'final-answer');
});

test('several letters, or none, is not a choice, and says why', () => {
  const several = extractChoice('(a) or (c), both fit.', LETTERS, OPTIONS);
  assert.equal(several.letter, null);
  assert.match(several.reason, /ambiguous.*\(a\), \(c\)/);
  assert.deepEqual(extractChoice('', LETTERS, OPTIONS), { letter: null, reason: 'empty reply' });
  assert.equal(extractChoice('I am not sure what you mean.', LETTERS, OPTIONS).letter, null);
  assert.equal(extractChoice('Sketching or painting, hard to say.', LETTERS, OPTIONS).letter, null);
});

test('the article "A" and words that contain letters are not choices', () => {
  assert.equal(pick('A good fit would be (d).'), 'd');
  assert.equal(pick("I can't answer a question like that."), null);
  assert.equal(pick('A lovely idea, go with D'), 'd');
  assert.equal(pick('Definitely'), null);
});

test('letters outside the options do not count', () => {
  assert.equal(extractChoice('(e)', LETTERS).letter, null);
  assert.equal(extractChoice('(b)', ['a', 'b']).letter, 'b');
});

test('gold letters parse from the data formats', () => {
  assert.equal(parseGoldLetter('(d)'), 'd');
  assert.equal(parseGoldLetter(' B '), 'b');
  assert.equal(parseGoldLetter('c)'), 'c');
  assert.equal(parseGoldLetter('maybe'), null);
});

test('alignment verdicts: letter or yes/no words, ambiguity has none', () => {
  assert.deepEqual(extractYesNo('(a)').answer, 'yes');
  assert.deepEqual(extractYesNo('**B**').answer, 'no');
  assert.deepEqual(extractYesNo('Yes, it aligns well.').answer, 'yes');
  assert.deepEqual(extractYesNo('No, it misaligns.').answer, 'no');
  assert.deepEqual(extractYesNo('Yes.').answer, 'yes');
  assert.deepEqual(extractYesNo('No — too formal for them.').answer, 'no');
  assert.deepEqual(extractYesNo('It does not align with their playful tone.').answer, 'no');
  assert.equal(extractYesNo('(a) or (b), hard to say').answer, null);
  assert.match(extractYesNo('yes and no').reason, /ambiguous/);
  assert.equal(extractYesNo('Hmm.').answer, null);
});
