import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { InvalidInputError, ModelCallError, ModelNotConfiguredError } from '../../errors/index.ts';
import { createModelAccounting } from '../../model/accounting.ts';
import { routeByText, scriptedSubject } from '../qa/test-support/scripted-subject.ts';
import { resolveDataPath } from '../../datasets/persona-mme/load-user.ts';
import { runPersonaMme, userIdFor } from './run-persona-mme.ts';
import { tempDirs } from '../qa/test-support/temp-dirs.ts';

const fixtures = new URL('../../datasets/persona-mme/__fixtures__/', import.meta.url).pathname;
const questionsFile = join(fixtures, 'Persona-MME.json');
const outDir = tempDirs('pmme-');

// Realistic replies, well and badly formatted. Alignment needles (the reply under evaluation) come first:
// their prompts also contain the question's query.
const router = routeByText([
  ['Summarize session', 'The user talked about their week.'],
  ['She shows up in half your doodles', '(a) Yes, it aligns well.'],
  ['An analysis of mention frequency', 'Yes.'],
  ['the steady last step that settles your day', 'Yes'],
  ['Then leave Marnie a funny sourdough joke', 'No, it misaligns.'],
  ['color of the mouse', '**C**'],
  ['medium am I leaning', '<think>She sketches nightly but wants to paint.</think>Answer: (B) Painting.'],
  ['Which truck seems more significant', "I'd say (a) or (b), hard to tell."],
  ['Why was that again?', 'To match a kite.'],
  ['one last step for the night', 'You usually set out crumbs (d).'],
]);
const ALL_CALLS = 3 + 9; // 3 non-empty sessions remembered, 5 questions + 4 alignment items asked

test('end to end: replays each user, asks every item at its time, grades and reports', async () => {
  const out = await outDir();
  const scripted = scriptedSubject(router, ALL_CALLS);
  const progress: Array<[number, number]> = [];
  const { report, paths } = await runPersonaMme({ questionsFile, outDir: out, subject: scripted.subject, accounting: scripted.accounting, modelId: 'scripted-model', onProgress: (done, total) => progress.push([done, total]) });
  scripted.model.assertAllUsed();

  // Replay: the user's folder, images by basename in <img> order, empty sessions skipped, profile handed over.
  const [mia, walt] = scripted.remembered;
  assert.equal(mia?.userId, userIdFor('./data/Persona-MME/samples/50/0/user_data.json'));
  assert.deepEqual(mia?.history.sessions.map((session) => session.key), ['session_1', 'session_3']);
  const first = mia!.history.sessions[0]!.turns[0]!;
  assert.equal(first.text, 'Finally cleaned my desk.  The old laptop still has that glare, and look at the mouse.');
  assert.equal(first.at.toISOString(), '2024-09-16T19:02:00.000Z');
  assert.deepEqual(first.images?.map((image) => image.path), [join(fixtures, 'samples/50/0/laptop_mouse.png')]);
  assert.deepEqual([...first.images![0]!.bytes!.slice(1, 4)], [0x50, 0x4e, 0x47], 'PNG bytes were read');
  assert.equal(mia!.history.sessions[0]!.turns[1]!.role, 'assistant');
  assert.deepEqual(mia?.options?.profile, { name: 'Mia', age: '29', occupation: 'barista and hobby illustrator', residence: 'Ames, Iowa' });
  assert.equal(walt?.history.sessions[0]?.turns[0]?.images?.length, 1);

  // Questions: at their time ("(Monday)" dropped), with lettered options; alignment as a yes/no question.
  assert.equal(scripted.asked.length, 9);
  assert.equal(scripted.asked[0]?.at.toISOString(), '2024-09-23T20:08:00.000Z');
  assert.equal(scripted.asked[5]?.at.toISOString(), '2024-09-23T22:13:00.000Z');
  assert.match(scripted.asked[0]!.text, /\(c\) Red and silver\.\n\(d\) Black and silver\.\n\nPlease give your final answer as one letter: \(a\), \(b\), \(c\) or \(d\)\.$/);
  assert.match(scripted.asked[3]!.text, /"Big Bertha, for sure\.[^"]*"\n[\s\S]*\(a\) Yes, it aligns well\./);
  const answerCall = scripted.model.calls.find((call) => call.promptText.includes('color of the mouse'));
  assert.match(answerCall!.promptText, /^system: You are the personal assistant of persona-mme:/);

  // Grading: 3 of 5 choices (one ambiguous reply, one wrong letter), 3 of 4 alignment verdicts.
  assert.deepEqual(report.overall, { correct: 3, total: 5, accuracy: 0.6 });
  assert.deepEqual(report.alignment, { correct: 3, total: 4, accuracy: 0.75 });
  assert.deepEqual(report.overall_with_alignment, { correct: 6, total: 9, accuracy: 6 / 9 });
  assert.deepEqual(Object.keys(report.aspects), ['Memory Recall', 'Intent Inference', 'Preference Recognition', 'Behavioral Awareness', 'Relationship Understanding', 'Response Alignment']);
  assert.equal(report.aspects['Relationship Understanding']?.accuracy, 0);
  assert.equal(report.tasks['Visual Detail Recall']?.correct, 1);
  assert.equal(report.tasks['Behavioral Pattern Recognition']?.correct, 0);
  assert.equal(report.unreadable_replies, 1);
  assert.equal(report.users, 2);

  // Cost: answers measured one by one; the update phase shows up by purpose.
  assert.equal(report.answers.model_calls.count, 9);
  assert.equal(report.answers.model_calls.max, 1);
  assert.equal(report.model_usage_this_run.by_purpose['remember.session']?.calls, 3);
  assert.equal(report.model_usage_this_run.by_purpose['agent.answer']?.calls, 9);
  assert.deepEqual(progress.at(-1), [9, 9]);

  // Files: results.jsonl with every item, report.md and report.json.
  const lines = (await readFile(join(out, 'results.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(lines.length, 9);
  const ambiguous = lines.find((line) => line.task === 'Relationship Recognition' && line.kind === 'choice');
  assert.equal(ambiguous.extracted, null);
  assert.match(ambiguous.reason, /ambiguous/);
  assert.deepEqual(JSON.parse(await readFile(paths.json, 'utf8')), JSON.parse(JSON.stringify(report)));
  const markdown = await readFile(paths.markdown, 'utf8');
  assert.match(markdown, /\| overall \(multiple choice\) \| 0\.600 \(3\/5\) \|/);
  assert.match(markdown, /\| Response Alignment \| 0\.750 \(3\/4\) \|/);
  assert.match(markdown, /\| remember\.session \| 3 \|/);

  // A second run over the same folder makes no model call at all and reports the same figures.
  const again = scriptedSubject(router, 0);
  const second = await runPersonaMme({ questionsFile, outDir: out, subject: again.subject, accounting: again.accounting });
  assert.equal(again.model.calls.length, 0);
  assert.equal(again.remembered.length, 0);
  assert.deepEqual(second.report.overall, report.overall);
  assert.equal(second.report.resumed, 9);
});

test('a run stopped by a failing model call resumes with only the missing items', async () => {
  const out = await outDir();
  // 2 sessions of the first user + 3 answers, then the 6th call is unscripted and fails.
  const broken = scriptedSubject(router, 5);
  await assert.rejects(runPersonaMme({ questionsFile, outDir: out, subject: broken.subject, accounting: broken.accounting }), ModelCallError);
  assert.equal((await readFile(join(out, 'results.jsonl'), 'utf8')).trim().split('\n').length, 3);

  const resumed = scriptedSubject(router, 2 + 2 + 1 + 4);
  const { report } = await runPersonaMme({ questionsFile, outDir: out, subject: resumed.subject, accounting: resumed.accounting });
  resumed.model.assertAllUsed();
  assert.equal(resumed.asked.length, 6, 'the 3 graded items are not asked again');
  assert.equal(report.resumed, 3);
  assert.deepEqual(report.overall_with_alignment, { correct: 6, total: 9, accuracy: 6 / 9 });
});

test('no model, no run: a clear ModelNotConfiguredError', async () => {
  await assert.rejects(runPersonaMme({ questionsFile, outDir: await outDir(), subject: null, accounting: createModelAccounting() }), (error) => error instanceof ModelNotConfiguredError && /Persona-MME benchmark needs a model/.test(error.message));
});

test('a data_path that exists nowhere names the places it looked', async () => {
  await assert.rejects(resolveDataPath('./data/Persona-MME/samples/9/9/user_data.json', { dataRoot: '/nonexistent', questionsFile }), (error) =>
    error instanceof InvalidInputError && error.message.includes('/nonexistent/samples/9/9/user_data.json') && /--data-root/.test(error.message),
  );
  assert.equal(await resolveDataPath('./data/Persona-MME/samples/50/1/user_data.json', { questionsFile }), join(fixtures, 'samples/50/1/user_data.json'));
});
