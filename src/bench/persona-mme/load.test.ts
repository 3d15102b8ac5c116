import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { InvalidInputError } from '../../errors/index.ts';
import { parsePersonaMmeQuestions } from './load-questions.ts';
import { loadPersonaMmeUser } from '../../datasets/persona-mme/load-user.ts';
import { parsePersonaMmeTime } from '../../datasets/persona-mme/parse-time.ts';
import { aspectOf, TASKS } from './tasks.ts';

const question = { data_path: 'u/user_data.json', type: 'Memory Recall', question_type: 'Visual Detail Recall', time: '2024-09-23 20:08', query: 'Q?', choices: { '(a)': 'x', '(b)': 'y' }, answer: '(b)' };

test('13 tasks under 6 aspects; an unknown task keeps the aspect the file gives', () => {
  assert.equal(TASKS.length, 13);
  assert.equal(aspectOf('long-term goal tracking', 'whatever'), 'Behavioral Awareness');
  assert.equal(aspectOf('Brand New Task', 'Memory Recall'), 'Memory Recall');
});

test('times: minutes, seconds, a weekday suffix; nonsense is rejected', () => {
  assert.equal(parsePersonaMmeTime('2024-09-23 22:13 (Monday)', 'q').toISOString(), '2024-09-23T22:13:00.000Z');
  assert.equal(parsePersonaMmeTime('2024-09-23 08:01:30', 'q').toISOString(), '2024-09-23T08:01:30.000Z');
  assert.throws(() => parsePersonaMmeTime('Monday evening', 'q'), /not like "2024-09-23 20:08"/);
  assert.throws(() => parsePersonaMmeTime('2024-02-31 10:00', 'q'), /not a real date/);
});

test('question ids are stable and unique; answers must be one of the choices', () => {
  const [first, second, third] = parsePersonaMmeQuestions([question, question, { ...question, query: 'Other?' }], 'f.json');
  assert.equal(first!.id.length, 16);
  assert.equal(second!.id, `${first!.id}-1`);
  assert.notEqual(third!.id, first!.id);
  assert.equal(parsePersonaMmeQuestions([question], 'f.json')[0]!.id, first!.id);
  assert.equal(first!.answer, 'b');
  assert.throws(() => parsePersonaMmeQuestions([{ ...question, answer: '(e)' }], 'f.json'), (error) => error instanceof InvalidInputError && /question 0: answer "\(e\)"/.test(error.message));
  assert.throws(() => parsePersonaMmeQuestions([{ ...question, choices: undefined }], 'f.json'), /not a Persona-MME question file: 0\.choices/);
});

test('user data: more <img> markers than images, or a missing image file, is an error', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pmme-user-'));
  try {
    const file = join(dir, 'user_data.json');
    await writeFile(file, JSON.stringify({ profile: 'p', sessions: [[{ time: '2024-01-01 10:00', user: 'a <img> b <img>', assistant: 'ok' }]], imgs: ['one.png'] }));
    await assert.rejects(loadPersonaMmeUser('u', file), /more <img> markers than entries in "imgs" \(1\)/);
    await writeFile(file, JSON.stringify({ sessions: [[{ time: '2024-01-01 10:00', user: 'look <img>', assistant: null }]], imgs: ['gone.png'] }));
    await assert.rejects(loadPersonaMmeUser('u', file), /image "gone\.png" is not readable/);
    await writeFile(file, JSON.stringify({ sessions: [[{ time: '2024-01-01 10:00', user: 'hi', assistant: null }]] }));
    const user = await loadPersonaMmeUser('u', file);
    assert.deepEqual(user.history.sessions[0]!.turns.map((turn) => turn.role), ['user'], 'a turn without a reply stores the user message only');
    assert.equal(user.profile, null);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
