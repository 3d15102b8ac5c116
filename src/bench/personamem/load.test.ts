import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { InvalidInputError } from '../../errors/index.ts';
import { loadPersonaMemContexts } from '../../datasets/personamem/load-contexts.ts';
import { loadPersonaMemQuestions, parsePersonaMemQuestions } from './load-questions.ts';
import { letterOptions, parseOptionList } from './parse-options.ts';
import { CONTEXT_START, segmentHistory } from '../../datasets/personamem/segment-history.ts';

const fixtures = new URL('../../datasets/personamem/__fixtures__/', import.meta.url).pathname;

test('all_options: JSON lists and Python literals with their escapes, nothing evaluated', () => {
  assert.deepEqual(parseOptionList('["(a) x", "(b) \\"y\\""]', 'r'), ['(a) x', '(b) "y"']);
  assert.deepEqual(parseOptionList(`['(a) It\\'s', "(b) I'm \\"here\\"", '(c) tab\\there', '(d) caf\\xe9 \\u2019 \\U0001F600', ]`, 'r'), ["(a) It's", `(b) I'm "here"`, '(c) tab\there', '(d) café ’ 😀']);
  assert.deepEqual(parseOptionList('[]', 'r'), []);
  for (const bad of ["['a', 1]", "['unterminated]", "__import__('os')", "['a'] + ['b']", "['a' 'b']"]) {
    assert.throws(() => parseOptionList(bad, 'row 7'), (error) => error instanceof InvalidInputError && /row 7: all_options/.test(error.message), bad);
  }
});

test('options are lettered from their "(x)" prefixes, or by position', () => {
  assert.deepEqual(letterOptions(['(a) one', '(b)two', 'c) three']), { a: 'one', b: 'two', c: 'three' });
  assert.deepEqual(letterOptions(['one', 'two']), { a: 'one', b: 'two' });
});

test('the questions CSV: quoted commas, quotes and newlines; both question column names', async () => {
  const questions = await loadPersonaMemQuestions(join(fixtures, 'questions.csv'));
  assert.equal(questions.length, 5);
  const [first, , third] = questions;
  assert.equal(first!.id, 'q-1-facts');
  assert.equal(first!.question, 'Can you remind me, what do I usually do after a tough project at work?');
  assert.equal(first!.options.a, "You go to a crowded party to unwind, it's your favourite way to relax.");
  assert.equal(first!.answer, 'b');
  assert.equal(first!.endIndex, 5);
  assert.equal(third!.question, 'Any ideas for this weekend?\nSomething that fits me, please, nothing generic.');
  assert.equal(third!.options.b, `A crowded New Year's "style" party.`);
  const renamed = parsePersonaMemQuestions('user_question_or_message,correct_answer,all_options,shared_context_id,end_index_in_shared_context,question_type\nHi,(a),"[\'(a) x\', \'(b) y\']",c1,2,t\n', 's.csv');
  assert.equal(renamed[0]!.question, 'Hi');
  assert.equal(renamed[0]!.id.length, 16);
  assert.throws(() => parsePersonaMemQuestions('question,correct_answer\nq,(a)\n', 's.csv'), /missing column\(s\) all_options, shared_context_id/);
  assert.throws(() => parsePersonaMemQuestions('question,correct_answer,all_options,shared_context_id,end_index_in_shared_context,question_type\nq,(e),"[\'(a) x\']",c,1,t\n', 's.csv'), /row 2: correct_answer "\(e\)"/);
});

test('contexts: only the wanted ones are kept; a missing one is named', async () => {
  const path = join(fixtures, 'shared_contexts.jsonl');
  const wanted = 'a3f1c0de9b7e4d2a8c6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b';
  const contexts = await loadPersonaMemContexts(path, new Set([wanted]));
  assert.deepEqual([...contexts.keys()], [wanted]);
  assert.equal(contexts.get(wanted)?.length, 7);
  await assert.rejects(loadPersonaMemContexts(path, new Set([wanted, 'nope'])), /has no context "nope"/);
});

test('segments: sessions are aligned blocks cut at the question point, system messages left out', () => {
  const messages = [{ role: 'system', content: 'persona' }, ...Array.from({ length: 44 }, (_, index) => ({ role: index % 2 === 0 ? 'user' : 'assistant', content: `m${index + 1}` }))];
  const history = segmentHistory('ctx', messages, 10, 45);
  assert.deepEqual(history.sessions.map((session) => session.key), ['messages_10-20', 'messages_20-40', 'messages_40-45']);
  assert.deepEqual(history.sessions[0]!.turns[0], { role: 'assistant', text: 'm10', at: new Date(CONTEXT_START + 10 * 60_000), externalId: 'm10' });
  assert.equal(segmentHistory('ctx', messages, 0, 2).sessions[0]!.turns.length, 1, 'the system message is not a turn');
  assert.throws(() => segmentHistory('ctx', messages, 0, 46), /up to message 46, but it has 45 messages/);
  assert.throws(() => segmentHistory('ctx', [{ role: 'tool', content: 'x' }], 0, 1), /role "tool"/);
});
