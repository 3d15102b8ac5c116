// Snapshot of every rendered benchmark prompt (judge and multiple-choice), committed under __snapshots__/: a
// change to what the model or the judge receives changes every figure, so it must show up in review (and
// bump the prompt's version). Regenerate deliberately with UPDATE_PROMPT_SNAPSHOTS=1.
import { test } from 'node:test';
import { matchPromptSnapshot, renderPromptMessages as render } from './test-support/snapshot.ts';
import { buildAlignmentQuestion, choiceAlignmentPrompt } from './choice-alignment.ts';
import { buildChoiceQuestion, choiceQuestionPrompt } from './choice-question.ts';
import { buildResponseChoice, choiceResponsePrompt } from './choice-response.ts';
import { buildJudgeAbstentionMessages, judgeAbstentionPrompt } from './judge-abstention.ts';
import { buildJudgeAnswerMessages, judgeAnswerPrompt } from './judge-answer.ts';

const choices = { '(a)': 'Sketching.', '(b)': 'Painting.', '(c)': 'Comic strips.', '(d)': 'Latte art.' };

const cases: [{ id: string; version: number }, string][] = [
  [judgeAnswerPrompt, render(buildJudgeAnswerMessages({ question: 'When did Caroline go to the LGBTQ support group?', gold: '7 May 2023', answer: 'She went the day before 8 May 2023.' }))],
  [judgeAbstentionPrompt, render(buildJudgeAbstentionMessages({ question: 'What did Caroline realize after her charity race?', trap: 'self-care is important', answer: 'That is not mentioned in our conversations.' }))],
  [choiceQuestionPrompt, `${buildChoiceQuestion('Which medium am I leaning towards more for my art right now?', choices)}\n`],
  [choiceAlignmentPrompt, `${buildAlignmentQuestion('Which truck seems more significant to my art?', 'Big Bertha, for sure. She shows up in half your doodles.')}\n`],
  [choiceResponsePrompt, `${buildResponseChoice('I was part of an online study group on software engineering.', { a: 'I remember you enjoy online study groups.', b: "You've never mentioned study groups." })}\n`],
];

for (const [prompt, rendered] of cases) {
  test(`prompt ${prompt.id}@${prompt.version} renders as its snapshot`, () => matchPromptSnapshot(`${prompt.id}.v${prompt.version}`, rendered));
}
