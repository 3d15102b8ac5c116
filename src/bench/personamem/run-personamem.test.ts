import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { ModelCallError, ModelNotConfiguredError } from '../../errors/index.ts';
import { createModelAccounting } from '../../model/accounting.ts';
import { routeByText, scriptedSubject } from '../qa/test-support/scripted-subject.ts';
import { CONTEXT_START, contextUserId } from '../../datasets/personamem/segment-history.ts';
import { runPersonaMem } from './run-personamem.ts';
import { tempDirs } from '../qa/test-support/temp-dirs.ts';

const fixtures = new URL('../../datasets/personamem/__fixtures__/', import.meta.url).pathname;
const files = { questionsFile: join(fixtures, 'questions.csv'), contextsFile: join(fixtures, 'shared_contexts.jsonl') };
const CONTEXT_A = 'a3f1c0de9b7e4d2a8c6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b';
const outDir = tempDirs('pmem-');

const router = routeByText([
  ['Summarize session', 'Noted.'],
  ['that pop album again', '(a)'],
  ['after a tough project at work', 'I remember you enjoy hiking. The answer is (B).'],
  ['Any ideas for this weekend', '(b) or (d)?'],
  ['kind of cooking', '<final_answer> (a)'],
  ['new creative hobby', 'A'],
]);

test('end to end: each question sees its context prefix, prefixes are replayed once, per-type accuracy', async () => {
  const out = await outDir();
  const scripted = scriptedSubject(router, 4 + 5);
  const { report, paths } = await runPersonaMem({ ...files, outDir: out, subject: scripted.subject, accounting: scripted.accounting, modelId: 'scripted-model' });
  scripted.model.assertAllUsed();

  // Context A is replayed in segments [0,3) [3,5) [5,7) into one owner, context B once.
  const userA = contextUserId(CONTEXT_A);
  assert.deepEqual(
    scripted.remembered.map((entry) => [entry.userId === userA ? 'A' : 'B', entry.history.sessions.map((session) => session.key)]),
    [['A', ['messages_0-3']], ['A', ['messages_3-5']], ['A', ['messages_5-7']], ['B', ['messages_0-4']]],
  );
  assert.deepEqual(scripted.remembered[0]!.history.sessions[0]!.turns.map((turn) => turn.externalId), ['m1', 'm2'], 'the persona system message is left out');
  // Questions in ascending end index, each asked just after the last message it may see.
  assert.deepEqual(scripted.asked.map((question) => (question.at.getTime() - CONTEXT_START) / 60_000), [3, 5, 5, 7, 4]);
  assert.match(scripted.asked[0]!.text, /^I've been listening to that pop album again, funnily enough\.\n\nWhich of these replies would be the best response to me/);
  assert.match(scripted.asked[0]!.text, /\(b\) I thought you only liked heavy metal\./);

  assert.deepEqual(report.overall, { correct: 3, total: 5, accuracy: 0.6 });
  assert.deepEqual(report.question_types, {
    identifying_new_things_not_mentioned_by_the_user: { correct: 1, total: 1, accuracy: 1 },
    recalling_facts_mentioned_by_the_user: { correct: 1, total: 2, accuracy: 0.5 },
    recalling_the_latest_user_preferences: { correct: 1, total: 1, accuracy: 1 },
    recommendation_aligned_with_users_latest_preferences: { correct: 0, total: 1, accuracy: 0 },
  });
  assert.equal(report.unreadable_replies, 1);
  assert.equal(report.contexts, 2);
  assert.equal(report.model_usage_this_run.by_purpose['remember.session']?.calls, 4);
  assert.equal(report.answers.model_calls.count, 5);
  assert.match(await readFile(paths.markdown, 'utf8'), /\| recalling_facts_mentioned_by_the_user \| 0\.500 \(1\/2\) \|/);
  assert.equal(JSON.parse(await readFile(paths.json, 'utf8')).overall.correct, 3);

  const again = scriptedSubject(router, 0);
  const second = await runPersonaMem({ ...files, outDir: out, subject: again.subject, accounting: again.accounting });
  assert.equal(again.model.calls.length, 0, 'a finished run makes no model call');
  assert.deepEqual(second.report.overall, report.overall);
});

test('a stopped run resumes: only missing questions, context replayed only as far as needed', async () => {
  const out = await outDir();
  const broken = scriptedSubject(router, 4);
  await assert.rejects(runPersonaMem({ ...files, outDir: out, subject: broken.subject, accounting: broken.accounting }), ModelCallError);
  const resumed = scriptedSubject(router, 6);
  const { report } = await runPersonaMem({ ...files, outDir: out, subject: resumed.subject, accounting: resumed.accounting });
  resumed.model.assertAllUsed();
  assert.deepEqual(resumed.asked.map((question) => question.text.split('\n')[0]), ['Any ideas for this weekend?', 'Suggest a new creative hobby for me.', 'What kind of cooking was I getting into?']);
  assert.deepEqual(resumed.remembered.map((entry) => entry.history.sessions.map((session) => session.key)), [['messages_0-5'], ['messages_5-7'], ['messages_0-4']]);
  assert.equal(report.resumed, 2);
  assert.deepEqual(report.overall, { correct: 3, total: 5, accuracy: 0.6 });
});

test('a question never sees past its end index, even when an earlier run replayed further', async () => {
  const out = await outDir();
  // --limit 1: only q-1 (end index 5) is asked, so context A's owner holds messages [0, 5).
  const first = scriptedSubject(router, 1 + 1);
  await runPersonaMem({ ...files, outDir: out, subject: first.subject, accounting: first.accounting, limitQuestions: 1 });
  first.model.assertAllUsed();
  const base = contextUserId(CONTEXT_A);
  assert.deepEqual(first.remembered.map((entry) => entry.userId), [base]);

  // The full run: q-2 (end index 3) cannot use that owner; it gets a fresh one for its prefix, which then
  // carries on to q-3 (5) and q-5 (7). Context B is new.
  const full = scriptedSubject(router, 3 + 3 + 1 + 1);
  const { report } = await runPersonaMem({ ...files, outDir: out, subject: full.subject, accounting: full.accounting });
  full.model.assertAllUsed();
  assert.deepEqual(
    full.remembered.filter((entry) => entry.userId.startsWith(base)).map((entry) => [entry.userId, entry.history.sessions.map((session) => session.key)]),
    [[`${base}:3`, ['messages_0-3']], [`${base}:3`, ['messages_3-5']], [`${base}:3`, ['messages_5-7']]],
  );
  assert.deepEqual(report.overall, { correct: 3, total: 5, accuracy: 0.6 });
  const marks = (await readFile(join(out, 'results.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line)).filter((line) => line.kind === 'replay' && line.userId.startsWith(base));
  assert.deepEqual(marks.map((mark) => [mark.userId, mark.storedTo]).at(-1), [`${base}:3`, 7]);
});

test('no model, no run', async () => {
  await assert.rejects(runPersonaMem({ ...files, outDir: await outDir(), subject: undefined, accounting: createModelAccounting() }), ModelNotConfiguredError);
});
