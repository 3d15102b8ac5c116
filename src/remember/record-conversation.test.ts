// A conversation resent whole on every request is stored once per message (content and position), replies
// continue it, a repeated opening is the same conversation within the session gap and a new one after it, and
// the same words under another user are that user's own turns.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPersona } from '../persona.ts';
import type { ConversationMessage } from './record-conversation.ts';

const persona = createPersona({ config: { store: { dataDir: ':memory:' }, memory: { sessionGapMinutes: 60 } }, model: null, embedder: null, vision: false });
before(() => persona.open());
after(() => persona.close());

const user = (text: string): ConversationMessage => ({ role: 'user', text });
const assistant = (text: string): ConversationMessage => ({ role: 'assistant', text });
const at = (minutes: number) => new Date(Date.UTC(2026, 2, 1, 9, minutes));
const texts = async (userId: string) => (await persona.turns.list(userId)).map((turn) => `${turn.role}: ${turn.text}`);

test('a resent history stores only its new messages; the reply continues it through `key`', async () => {
  const first = await persona.recordConversation({ userId: 'ann', messages: [user('Hi, I am Ann.')], at: at(0) });
  assert.equal(first.added, 1);
  const reply = await persona.recordConversation({ userId: 'ann', messages: [assistant('Hello Ann!')], at: at(0), after: first.key });
  assert.equal(reply.added, 1);
  const second = await persona.recordConversation({ userId: 'ann', messages: [{ role: 'user', text: '' }, user('Hi, I am Ann.'), assistant('Hello Ann!'), user('I live in Porto.')], at: at(1) });
  assert.equal(second.added, 1, 'an empty message is skipped; the two known ones are found');
  assert.deepEqual(second.turns.slice(0, 2).map((turn) => turn.id), [first.turns[0]!.id, reply.turns[0]!.id]);
  const again = await persona.recordConversation({ userId: 'ann', messages: [user('Hi, I am Ann.'), assistant('Hello Ann!'), user('I live in Porto.')], at: at(2) });
  assert.equal(again.added, 0, 'a retry or a regenerated answer stores nothing twice');
  assert.equal(again.key, second.key);
  assert.deepEqual(await texts('ann'), ['user: Hi, I am Ann.', 'assistant: Hello Ann!', 'user: I live in Porto.']);

  // The same words at another position are another turn.
  const moved = await persona.recordConversation({ userId: 'ann', messages: [user('Hi, I am Ann.'), user('I live in Porto.')], at: at(3) });
  assert.equal(moved.added, 1);
});

test('a repeated opening within the session gap is the same conversation, after it a new one that later requests continue', async () => {
  const opening = [user('Good morning!')];
  const one = await persona.recordConversation({ userId: 'bo', messages: opening, at: at(0) });
  await persona.recordConversation({ userId: 'bo', messages: [assistant('Morning, Bo.')], at: at(0), after: one.key });
  assert.equal((await persona.recordConversation({ userId: 'bo', messages: opening, at: at(30) })).added, 0, 'a retry half an hour later');
  const next = await persona.recordConversation({ userId: 'bo', messages: opening, at: at(180) });
  assert.equal(next.added, 1, 'three hours later the same greeting opens a new conversation');
  await persona.recordConversation({ userId: 'bo', messages: [assistant('Good morning again!')], at: at(180), after: next.key });

  const newer = await persona.recordConversation({ userId: 'bo', messages: [...opening, assistant('Good morning again!'), user('Coffee?')], at: at(181) });
  assert.equal(newer.added, 1, 'the new conversation continues');
  const older = await persona.recordConversation({ userId: 'bo', messages: [...opening, assistant('Morning, Bo.'), user('Tea?')], at: at(182) });
  assert.equal(older.added, 1, 'and the first one too: its second message says which conversation it is');
  assert.deepEqual(await texts('bo'), ['user: Good morning!', 'assistant: Morning, Bo.', 'user: Good morning!', 'assistant: Good morning again!', 'user: Coffee?', 'user: Tea?']);
});

test('images are part of a message\'s identity, and one user\'s turns never stand in for another\'s', async () => {
  const photo = (byte: number) => ({ bytes: new Uint8Array([byte, 1, 2, 3]), path: 'x.png' });
  const a = await persona.recordConversation({ userId: 'cy', messages: [{ role: 'user', text: 'Look!', imageRefs: ['https://example.test/a.jpg'] }], at: at(0) });
  const b = await persona.recordConversation({ userId: 'cy', messages: [{ role: 'user', text: 'Look!', imageRefs: ['https://example.test/b.jpg'] }], at: at(1) });
  assert.equal(b.added, 1, 'another picture with the same words is another message');
  assert.notEqual(a.key, b.key);
  const bytes = await persona.recordConversation({ userId: 'cy', messages: [{ role: 'user', text: 'Look!', images: [photo(9)] }], at: at(2) });
  assert.equal(bytes.added, 1);
  assert.equal(bytes.rejectedImages.length, 1, 'bytes that are no image drop only the image');

  const other = await persona.recordConversation({ userId: 'dee', messages: [user('Hi, I am Ann.')], at: at(0) });
  assert.equal(other.added, 1);
  assert.deepEqual(await texts('dee'), ['user: Hi, I am Ann.']);
});
