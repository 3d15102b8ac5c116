import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { ModelNotConfiguredError } from '../../errors/index.ts';
import { createModelAccounting } from '../../model/accounting.ts';
import { loadLocomo } from '../../datasets/locomo/load-locomo.ts';
import { locomoUserId, runLocomoQa } from './run-locomo-qa.ts';
import { routeByText, scriptedSubject } from './test-support/scripted-subject.ts';
import { tempDirs } from './test-support/temp-dirs.ts';

const fixture = new URL('./__fixtures__/locomo-tiny.json', import.meta.url).pathname;
const outDir = tempDirs('locomo-qa-');

// Judge prompts first: they also contain the question.
const router = routeByText([
  ['Summarize session', 'Noted.'],
  ['Generated answer: She went on 7 May 2023.', 'Same date.\n{"label": "CORRECT"}'],
  ['Generated answer: Melanie painted sunsets by the lake.', '```json\n{"label":"CORRECT"}\n```'],
  ['Generated answer: Two kids.', "I'm not sure how to grade this."],
  ["Generated answer: That isn't mentioned in our conversations.", 'It declines to answer.\n{"label": "CORRECT"}'],
  ['Generated answer: A dance studio.', '{"label": "CORRECT"}'],
  ["Generated answer: It's called Rhythm Nation.", 'It asserts the trap answer. WRONG'],
  ['When did Caroline go to the LGBTQ support group?', 'She went on 7 May 2023.'],
  ['What did Melanie paint?', 'Melanie painted sunsets by the lake.'],
  ['How many kids does Melanie have?', 'Two kids.'],
  ['What did Caroline realize after her charity race?', "That isn't mentioned in our conversations."],
  ['What business did Jon start?', 'A dance studio.'],
  ["What is Gina's dance studio called?", "It's called Rhythm Nation."],
]);

test('end to end: answers after the last session, token F1 + judge per category, category 5 by abstention', async () => {
  const conversations = await loadLocomo(fixture);
  const out = await outDir();
  const scripted = scriptedSubject(router, 3 + 6 + 6);
  const { report, paths } = await runLocomoQa({ conversations, dataset: fixture, outDir: out, subject: scripted.subject, judge: scripted.client, accounting: scripted.accounting, modelId: 'scripted-model' });
  scripted.model.assertAllUsed();

  assert.deepEqual(scripted.remembered.map((entry) => entry.userId), [locomoUserId('conv-a'), locomoUserId('conv-b')]);
  assert.equal(scripted.remembered[0]!.history.sessions[1]!.turns[0]!.images?.[0]?.caption, 'a photo of three kids on a beach');
  // Asked one minute after the last turn (session 2 starts 10:00, its second turn is 10 s later).
  assert.equal(scripted.asked[0]!.at.toISOString(), '2023-05-25T10:01:10.000Z');
  const judgeCall = scripted.model.calls.find((call) => call.promptText.includes('Generated answer: Two kids.'));
  assert.match(judgeCall!.promptText, /Gold answer: 3\n/);
  const trapCall = scripted.model.calls.find((call) => call.promptText.includes("Generated answer: It's called Rhythm Nation."));
  assert.match(trapCall!.promptText, /Tempting wrong answer: Rhythm Nation/);

  // F1 (stemmed): 0.667 (extra words around the date), 0.333, 0 and 1 → mean 0.5 over categories 1–4.
  assert.equal(report.overall.questions, 4);
  assert.ok(Math.abs(report.overall.f1! - 0.5) < 1e-9, String(report.overall.f1));
  assert.deepEqual(report.overall.judge, { correct: 3, total: 4, accuracy: 0.75 });
  assert.ok(Math.abs(report.categories['4']!.f1! - (1 / 3 + 1) / 2) < 1e-9);
  assert.deepEqual(report.categories['5'], { questions: 2, f1: null, judge: { correct: 1, total: 2, accuracy: 0.5 }, abstention: { correct: 1, total: 2, accuracy: 0.5 } });
  assert.deepEqual(report.all_categories.judge, { correct: 4, total: 6, accuracy: 4 / 6 });
  assert.equal(report.judge_unreadable, 1);
  assert.equal(report.answers.model_calls.max, 1, 'judge calls are not charged to the answer');
  assert.equal(report.model_usage_this_run.by_purpose['bench.judge']?.calls, 6);
  assert.ok(report.tokens_per_answer > 0);

  const lines = (await readFile(join(out, 'results.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
  const unreadable = lines.find((line) => line.question === 'How many kids does Melanie have?');
  assert.equal(unreadable.judge, null);
  assert.match(unreadable.judgeReason, /no CORRECT or WRONG label/);
  const markdown = await readFile(paths.markdown, 'utf8');
  assert.match(markdown, /\| overall \(1–4\) \| 4 \| 0\.500 \| 0\.750 \(3\/4\) \| – \|/);
  assert.match(markdown, /\| 5 adversarial \| 2 \| – \| 0\.500 \(1\/2\) \| 0\.500 \(1\/2\) \|/);
  assert.equal(JSON.parse(await readFile(paths.json, 'utf8')).categories['2'].judge.correct, 1);

  const again = scriptedSubject(router, 0);
  const second = await runLocomoQa({ conversations, dataset: fixture, outDir: out, subject: again.subject, judge: again.client, accounting: again.accounting });
  assert.equal(again.model.calls.length, 0);
  assert.deepEqual(second.report.overall, report.overall);
});

test('filters: categories and a per-conversation limit', async () => {
  const conversations = await loadLocomo(fixture);
  const scripted = scriptedSubject(router, 3 + 2 + 2);
  const { report } = await runLocomoQa({ conversations, dataset: fixture, outDir: await outDir(), subject: scripted.subject, judge: scripted.client, accounting: scripted.accounting, categories: [4, 5], limitPerConversation: 1 });
  scripted.model.assertAllUsed();
  assert.deepEqual(scripted.asked.map((question) => question.text), ['What did Melanie paint?', 'What business did Jon start?']);
  assert.equal(report.questions, 2);
});

test('no model or no judge: a clear ModelNotConfiguredError', async () => {
  const conversations = await loadLocomo(fixture);
  const base = { conversations, dataset: fixture, outDir: await outDir(), accounting: createModelAccounting() };
  await assert.rejects(runLocomoQa({ ...base, subject: null, judge: null }), (error) => error instanceof ModelNotConfiguredError && /LoCoMo QA needs a model/.test(error.message));
  await assert.rejects(runLocomoQa({ ...base, subject: scriptedSubject(router, 0).subject, judge: undefined }), /judge needs a model/);
});

test('real data: the first dev conversation, gold answers echoed back score F1 1 in every category asked', async () => {
  const [conversation] = await loadLocomo('../shared/data/locomo/locomo-dev.json');
  const gold = new Map(conversation!.questions.map((question) => [question.question, question.answer]));
  const echo = (call: { promptText: string }) => {
    if (call.promptText.includes('Summarize session')) return 'Noted.';
    if (call.promptText.includes('Gold answer:')) return '{"label": "CORRECT"}';
    const asked = [...gold.keys()].find((question) => call.promptText.endsWith(`user: ${question}`));
    if (asked === undefined) throw new Error(`unexpected prompt: ${call.promptText.slice(-200)}`);
    return `${gold.get(asked)}.`;
  };
  const sessions = conversation!.history.sessions.length;
  const scripted = scriptedSubject(echo, sessions + 3 * 2);
  const { report } = await runLocomoQa({ conversations: [conversation!], dataset: 'locomo-dev.json', outDir: await outDir(), subject: scripted.subject, judge: scripted.client, accounting: scripted.accounting, categories: [2, 4], limitPerConversation: 3 });
  scripted.model.assertAllUsed();
  assert.equal(report.questions, 3);
  assert.equal(report.overall.f1, 1);
  assert.equal(report.overall.judge.accuracy, 1);
  const lastTurn = conversation!.history.sessions.at(-1)!.turns.at(-1)!;
  assert.equal(scripted.asked[0]!.at.getTime(), lastTurn.at.getTime() + 60_000);
});
