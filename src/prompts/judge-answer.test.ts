import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ModelOutputError } from '../errors/index.ts';
import { buildJudgeAbstentionMessages, judgeAbstentionPrompt } from './judge-abstention.ts';
import { buildJudgeAnswerMessages, judgeAnswerPrompt, parseJudgeAnswer } from './judge-answer.ts';
import { buildAlignmentQuestion } from './choice-alignment.ts';
import { buildChoiceQuestion } from './choice-question.ts';

test('judge prompt: pinned id, version and rendered text', () => {
  assert.deepEqual(judgeAnswerPrompt, { id: 'judge-answer', version: 1 });
  const [system, user] = buildJudgeAnswerMessages({ question: 'When did Caroline go to the support group?', gold: '7 May 2023', answer: 'On May 7th.' });
  assert.equal(system?.role, 'system');
  assert.match(system!.content, /Be generous\./);
  assert.match(system!.content, /\{"label": "CORRECT"\}/);
  assert.equal(user?.content, 'Question: When did Caroline go to the support group?\nGold answer: 7 May 2023\nGenerated answer: On May 7th.');
  assert.deepEqual(judgeAbstentionPrompt, { id: 'judge-abstention', version: 1 });
  assert.equal(buildJudgeAbstentionMessages({ question: 'Q?', trap: 'self-care', answer: 'Not mentioned.' })[1]?.content, 'Question: Q?\nTempting wrong answer: self-care\nGenerated answer: Not mentioned.');
});

test('judge parser reads JSON labels, fenced or not, and lone words', () => {
  assert.deepEqual(parseJudgeAnswer('Same date in another format.\n{"label": "CORRECT"}'), { label: 'CORRECT', reasoning: 'Same date in another format.' });
  assert.equal(parseJudgeAnswer('```json\n{"label":"WRONG"}\n```').label, 'WRONG');
  assert.equal(parseJudgeAnswer('{"label": "correct"}').label, 'CORRECT');
  assert.equal(parseJudgeAnswer('The answer names a different city. WRONG').label, 'WRONG');
  // The JSON decides even when the reasoning quotes the other word.
  assert.equal(parseJudgeAnswer('It is not WRONG to say May.\n{"label": "CORRECT"}').label, 'CORRECT');
});

test('judge parser rejects replies with no label or both labels', () => {
  assert.throws(() => parseJudgeAnswer('I cannot decide.'), (error) => error instanceof ModelOutputError && /no CORRECT or WRONG/.test(error.message));
  assert.throws(() => parseJudgeAnswer('CORRECT or WRONG, unclear'), /both CORRECT and WRONG/);
  assert.throws(() => parseJudgeAnswer('{"label": "CORRECT"} {"label": "WRONG"}'), /both labels/);
  assert.throws(() => parseJudgeAnswer('{"label": "COR'), /no CORRECT or WRONG/);
});

test('choice and alignment questions render as the user asks them', () => {
  assert.equal(
    buildChoiceQuestion('Which medium?', { '(a)': 'Sketching.', '(b)': 'Painting.', '(c)': 'Comic strips.', '(d)': 'Latte art.' }),
    'Which medium?\n\nOptions:\n(a) Sketching.\n(b) Painting.\n(c) Comic strips.\n(d) Latte art.\n\nPlease give your final answer as one letter: (a), (b), (c) or (d).',
  );
  assert.match(buildChoiceQuestion('Q', { a: 'x', b: 'y' }), /one letter: \(a\) or \(b\)\.$/);
  const alignment = buildAlignmentQuestion('Which truck?', 'Big Bertha, clearly!');
  assert.match(alignment, /^Which truck\?\n/);
  assert.match(alignment, /"Big Bertha, clearly!"/);
  assert.match(alignment, /\(a\) Yes, it aligns well\.\n\(b\) No, it misaligns\./);
});
