import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelNotConfiguredError, ModelCallError } from '../errors/index.ts';
import { EventBus, type PersonaEvent } from '../memory/events.ts';
import type { Turn } from '../memory/types.ts';
import { createChatClient } from '../model/chat-client.ts';
import { ScriptedChatModel, type RecordedModelCall, type ScriptedReply } from '../test/scripted-chat-model.ts';
import { createAgent } from './agent.ts';
import { agentConfig } from './agent-types.ts';
import { createChat, type RecordTurn } from './chat.ts';
import { createAgentStore } from './test-support/agent-store.ts';
import { scriptedRecall } from './test-support/scripted-recall.ts';

const USER = 'melanie';
const AT = new Date('2023-07-14T20:00:00Z');
const PNG = { sha256: 'sha-cat', mime: 'image/png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 7]) };

function setup(replies: ScriptedReply[] | null, options: { recordTurn?: RecordTurn } = {}) {
  const log: string[] = [];
  const model = new ScriptedChatModel(
    (replies ?? []).map((reply) => (call: RecordedModelCall) => {
      log.push('model');
      return typeof reply === 'function' ? reply(call) : (reply as string);
    }),
  );
  const store = createAgentStore(USER, { images: [PNG] });
  const events = new EventBus();
  const recorded: Array<Parameters<RecordTurn>[0]> = [];
  const recordTurn: RecordTurn =
    options.recordTurn ??
    (async (input) => {
      recorded.push(input);
      log.push(`record:${input.role}`);
      // Another user's event on the shared bus must not leak into this user's run.
      events.emit({ type: 'turn_recorded', userId: 'someone-else' });
      events.emit({ type: 'turn_recorded', userId: input.userId, role: input.role });
      const turn: Turn = {
        userId: input.userId, id: `turn-${recorded.length}`, sessionId: 's1', seq: recorded.length, role: input.role, speaker: null,
        text: input.text, at: input.at, images: input.images?.length ? [PNG.sha256] : [], externalId: null, metadata: {}, enrichment: null,
      };
      return { turn, rejectedImages: [] };
    });
  const agent = createAgent({
    chat: replies ? createChatClient(model, { maxRetries: 0 }) : null,
    store,
    recall: scriptedRecall([]).recall,
    events,
    config: agentConfig(),
  });
  return { model, log, recorded, events, service: createChat({ agent, store, events, recordTurn, now: () => AT }) };
}

test('chat stores the user turn before any model call, answers, stores the reply', async () => {
  const kit = setup(['<think>A cat photo.</think><answer>What a lovely cat!</answer>']);
  const outcome = await kit.service.chat({ userId: USER, text: 'Meet my new cat', images: [{ bytes: PNG.bytes, path: 'cat.png' }] });
  assert.deepEqual(kit.log, ['record:user', 'model', 'record:assistant']);
  assert.equal(outcome.answer, 'What a lovely cat!');
  assert.deepEqual(outcome.turnIds, { user: 'turn-1', assistant: 'turn-2' });
  assert.equal(outcome.calls, 1);
  assert.deepEqual(
    kit.recorded.map((input) => [input.role, input.text, input.at.toISOString(), input.images?.length]),
    [
      ['user', 'Meet my new cat', AT.toISOString(), 1],
      ['assistant', 'What a lovely cat!', AT.toISOString(), undefined],
    ],
  );
  // The stored image (not the raw input) is what the model sees.
  assert.deepEqual(kit.model.calls[0]?.images.map((image) => [image.mediaType, [...image.bytes]]), [['image/png', [...PNG.bytes]]]);
  const types = outcome.events.map((event) => event.type);
  assert.deepEqual(types, ['turn_recorded', 'round', 'answer.delta', 'answer.delta', 'answer.delta', 'answer.delta', 'round.completed', 'answer.completed', 'turn_recorded', 'chat.completed']);
  assert.ok(outcome.events.every((event) => (event as Record<string, unknown>).userId === USER));
  kit.model.assertAllUsed();
});

test('stream: the events arrive through the async iterator, deltas adding up to the answer', async () => {
  const kit = setup(['<think>ok</think><answer>Your pottery class is on Saturday.</answer>']);
  const run = kit.service.stream({ userId: USER, text: 'When is my pottery class?', at: AT });
  const seen: PersonaEvent[] = [];
  for await (const event of run) seen.push(event);
  const outcome = await run.result;
  const deltas = seen.filter((event) => event.type === 'answer.delta').map((event) => String((event as Record<string, unknown>).text));
  assert.equal(deltas.join(''), 'Your pottery class is on Saturday.');
  assert.ok(deltas.length > 1);
  assert.deepEqual(seen, outcome.events);
});

test('without a chat model nothing is stored and the error says how to configure one', async () => {
  const kit = setup(null);
  await assert.rejects(kit.service.chat({ userId: USER, text: 'Hello?' }), ModelNotConfiguredError);
  assert.deepEqual(kit.recorded, []);
  const run = kit.service.stream({ userId: USER, text: 'Hello?' });
  await assert.rejects(async () => {
    for await (const _event of run) assert.fail('no event expected');
  }, /PERSONAVLM_MODEL_BASE_URL/);
  await assert.rejects(run.result, ModelNotConfiguredError);
});

test('a failing model keeps the stored user turn, stores no reply, and reaches both result and iterator', async () => {
  const kit = setup([]);
  kit.model.push({ error: new ModelCallError('upstream 500', { isRetryable: false }) });
  const run = kit.service.stream({ userId: USER, text: 'Are you there?', at: AT });
  await assert.rejects(async () => {
    for await (const _event of run) void _event;
  }, /upstream 500/);
  await assert.rejects(run.result, /upstream 500/);
  assert.deepEqual(kit.recorded.map((input) => input.role), ['user']);
});

test('an image the update phase could not read: the stored turn is answered anyway, and the warning reaches the outcome', async () => {
  const stored: Turn = {
    userId: USER, id: 'turn-x', sessionId: 's1', seq: 1, role: 'user', speaker: null, text: 'Look', at: AT, images: [],
    externalId: null, metadata: {}, enrichment: null,
  };
  let events: EventBus | null = null;
  const recordTurn: RecordTurn = async (input) => {
    if (input.role === 'user') {
      // As remember does: the rejection is a warning of this user, and the result lists the dropped image.
      events?.warn('image_rejected', 'The turn text was stored as turn-x, but 1 image(s) could not be read', { userId: USER, turnId: stored.id });
      return { turn: stored, rejectedImages: [{ index: 0, path: null, reason: 'unsupported image format' }] };
    }
    return { turn: { ...stored, id: 'turn-y', role: 'assistant', text: input.text }, rejectedImages: [] };
  };
  const kit = setup(['<answer>I could not open the picture, but tell me about it!</answer>'], { recordTurn });
  events = kit.events;
  const outcome = await kit.service.chat({ userId: USER, text: 'Look', images: [{ bytes: new Uint8Array([1]) }], at: AT });
  assert.deepEqual(outcome.turnIds, { user: 'turn-x', assistant: 'turn-y' });
  const warning = outcome.events.find((event) => event.type === 'warning') as Record<string, unknown> | undefined;
  assert.equal(warning?.code, 'image_rejected');
});

test('a stored turn whose image is not in the store is answered without it, with a warning naming it', async () => {
  const stored: Turn = {
    userId: USER, id: 'turn-z', sessionId: 's1', seq: 1, role: 'user', speaker: null, text: 'Look', at: AT, images: ['sha-gone'],
    externalId: null, metadata: {}, enrichment: null,
  };
  const recordTurn: RecordTurn = async (input) => ({ turn: input.role === 'user' ? stored : { ...stored, id: 'turn-w', role: 'assistant', text: input.text, images: [] }, rejectedImages: [] });
  const kit = setup(['<answer>Tell me about it!</answer>'], { recordTurn });
  const outcome = await kit.service.chat({ userId: USER, text: 'Look', at: AT });
  assert.equal(outcome.answer, 'Tell me about it!');
  assert.deepEqual(kit.model.calls[0]?.images, []);
  const warnings = outcome.events.filter((event) => event.type === 'warning') as Array<Record<string, unknown>>;
  assert.deepEqual(warnings.map((w) => [w.code, (w.details as Record<string, unknown>).sha256]), [['turn_image_missing', 'sha-gone']]);
});
