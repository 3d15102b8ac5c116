// Snapshots of the rendered reasoning prompts (test-support/snapshot.ts): a change to their text shows up in review.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage } from '../model/ports.ts';
import { buildReasonContinuation } from './reason-continue.ts';
import { buildReasonFinalInstruction } from './reason-final.ts';
import { buildReasonFirst } from './reason-first.ts';
import { matchPromptSnapshot } from './test-support/snapshot.ts';

function render(messages: ChatMessage[]): string {
  return messages
    .map((message) => `=== ${message.role}${message.images?.length ? ` (+${message.images.length} images)` : ''}\n${message.content}`)
    .join('\n');
}

const image = { bytes: new Uint8Array([1, 2, 3]), mime: 'image/png' };

test('first-round prompt: profile, Big Five with alignment, habits, recent turns, dated input', () => {
  const messages = buildReasonFirst({
    profile: [
      { key: 'name', content: 'Name: Caroline' },
      { key: 'occupation', content: 'Occupation: counselling student' },
      { key: 'preferences', content: 'Preferences: painting; hiking; LGBTQ support groups' },
    ],
    personality: { openness: 4.24, conscientiousness: 3.0, extraversion: 2.31, agreeableness: 3.4, neuroticism: 3.86 },
    procedural: [{ key: 'weekly_run', content: 'User runs every Thursday morning.' }],
    changes: [{ at: new Date('2023-05-08T10:00:00Z'), previous: 'Caroline is a counselling student.', current: 'Caroline works as a counsellor.' }],
    recent: [
      { role: 'user', speaker: null, text: 'I went to a support group yesterday.', at: new Date('2023-05-08T13:50:00Z'), photos: ['a flyer | text: "SUPPORT GROUP Sundays 4 pm"'] },
      { role: 'assistant', speaker: null, text: 'That sounds meaningful!', at: new Date('2023-05-08T13:51:00Z'), photos: [] },
    ],
    recentWindowMinutes: 60,
    input: { text: 'Look at what I painted. What should I paint next?', at: new Date('2023-05-08T14:02:00Z'), images: [image], photos: ['objects: orange painting, easel'] },
  });
  assert.equal(messages[1]?.images?.length, 1);
  matchPromptSnapshot('reason-first', render(messages));
});

test('first-round prompt with nothing known yet and a neutral personality', () => {
  const messages = buildReasonFirst({
    profile: [],
    personality: { openness: 3, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 },
    procedural: [],
    recent: [],
    recentWindowMinutes: 30,
    input: { text: 'Hi!', at: new Date('2026-01-01T00:00:00Z') },
  });
  assert.equal(messages[1]?.images, undefined);
  matchPromptSnapshot('reason-first-empty', render(messages));
});

test('continuation: three headings, times and weekdays, numbered images, final instruction', () => {
  const message = buildReasonContinuation({
    items: [
      { source: 'dialogue', text: 'Caroline: I painted a sunset.\nMelanie: Lovely!', at: new Date('2023-05-07T18:00:00Z') },
      { source: 'semantic', text: 'Caroline likes painting landscapes.', at: new Date('2023-05-01T10:00:00Z') },
      { source: 'image', text: 'sunset painting (Image Object: artwork)', at: new Date('2023-05-07T18:00:00Z'), images: [image, image] },
      { source: 'procedural', text: 'User paints on Sunday afternoons.', at: null },
    ],
    final: true,
  });
  assert.equal(message.images?.length, 2);
  assert.ok(message.content.endsWith(buildReasonFinalInstruction()));
  matchPromptSnapshot('reason-continue', render([message]));
});

test('continuation after a forced retrieval that found nothing new', () => {
  matchPromptSnapshot('reason-continue-empty', render([buildReasonContinuation({ items: [], forced: true })]));
});

test('first-round prompt stamps carry the local time and weekday of the configured zone', () => {
  const input = {
    profile: [],
    personality: { openness: 3, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 },
    procedural: [],
    recent: [{ role: 'user' as const, speaker: null, text: 'Back from the market.', at: new Date('2026-03-02T04:10:00Z'), photos: [] }],
    recentWindowMinutes: 60,
    input: { text: 'What did I buy yesterday?', at: new Date('2026-03-02T04:30:00Z') },
  };
  const local = buildReasonFirst({ ...input, timeZone: 'America/Los_Angeles' })[1]?.content ?? '';
  assert.match(local, /\[2026-03-01 20:10 \(Sunday\)\] User: Back from the market\./);
  assert.match(local, /## User input \[2026-03-01 20:30 \(Sunday\)\]/);
  assert.match(buildReasonFirst(input)[1]?.content ?? '', /## User input \[2026-03-02 04:30 \(Monday\)\]/);
});
