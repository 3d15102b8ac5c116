import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSessionDate } from './parse-session-date.ts';
import { loadLocomo, parseLocomo, TURN_SPACING_SECONDS } from './load-locomo.ts';

test('session dates read as UTC wall-clock times', () => {
  assert.equal(parseSessionDate('1:56 pm on 8 May, 2023').toISOString(), '2023-05-08T13:56:00.000Z');
  assert.equal(parseSessionDate('12:04 am on 1 January, 2024').toISOString(), '2024-01-01T00:04:00.000Z');
  assert.throws(() => parseSessionDate('yesterday'), /1:56 pm on 8 May, 2023/);
});

const tiny = {
  sample_id: 'conv-x',
  extra_field: true,
  conversation: {
    speaker_a: 'Ann',
    speaker_b: 'Bob',
    session_2_date_time: '9:00 am on 2 June, 2023',
    session_2: [{ speaker: 'Bob', dia_id: 'D2:1', text: 'Back again.' }],
    session_1_date_time: '1:56 pm on 8 May, 2023',
    session_1: [
      { speaker: 'Ann', dia_id: 'D1:1', text: 'Hi Bob!' },
      { speaker: 'Bob', dia_id: 'D1:2', text: 'Look at this.', blip_caption: 'a photo of a dog', img_url: ['u'], query: 'dog' },
    ],
  },
  qa: [{ question: 'What?', adversarial_answer: 'a dog', evidence: ['D1:2'], category: 5 }],
};

test('a single conversation becomes a History in session order with roles, captions and spaced times', () => {
  const [conversation] = parseLocomo(tiny);
  assert.equal(conversation!.sampleId, 'conv-x');
  const sessions = conversation!.history.sessions;
  assert.deepEqual(sessions.map((session) => session.key), ['session_1', 'session_2']);
  const [first, second] = sessions[0]!.turns;
  assert.equal(first!.role, 'user');
  assert.equal(second!.role, 'assistant');
  assert.deepEqual(second!.images, [{ caption: 'a photo of a dog' }]);
  assert.equal(second!.externalId, 'D1:2');
  assert.equal(second!.at.getTime() - first!.at.getTime(), TURN_SPACING_SECONDS * 1000);
  assert.deepEqual(conversation!.questions[0], { question: 'What?', answer: 'a dog', category: 5, evidence: ['D1:2'] });
});

test('malformed files fail with a message naming the field', () => {
  assert.throws(() => parseLocomo([{ sample_id: 'x' }]), /Not a LoCoMo file/);
});

test('the dev file loads: 5 conversations, every question with a category', async () => {
  const conversations = await loadLocomo('../shared/data/locomo/locomo-dev.json');
  assert.equal(conversations.length, 5);
  const turns = conversations.flatMap((conversation) => conversation.history.sessions.flatMap((session) => session.turns));
  assert.ok(turns.length > 1000);
  assert.ok(turns.some((turn) => turn.images?.[0]?.caption));
  for (const conversation of conversations) {
    const times = conversation.history.sessions.flatMap((session) => session.turns.map((turn) => turn.at.getTime()));
    assert.deepEqual(times, [...times].sort((a, b) => a - b), `${conversation.sampleId} turns are in time order`);
  }
});
