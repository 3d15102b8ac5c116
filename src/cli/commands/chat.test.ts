import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgent } from '../../agent/agent.ts';
import { agentConfig } from '../../agent/agent-types.ts';
import { createChat, type RecordTurn } from '../../agent/chat.ts';
import { createAgentStore } from '../../agent/test-support/agent-store.ts';
import { recallItem, scriptedRecall } from '../../agent/test-support/scripted-recall.ts';
import { InvalidInputError, ModelNotConfiguredError } from '../../errors/index.ts';
import { EventBus } from '../../memory/events.ts';
import { createChatClient } from '../../model/chat-client.ts';
import { ScriptedChatModel } from '../../test/scripted-chat-model.ts';
import type { CliIo } from '../io.ts';
import { createChatCommand } from './chat.ts';

async function harness(options: { replies: string[] | null; lines: string[]; isTty: boolean; recall?: Parameters<typeof scriptedRecall>[0] }) {
  const cwd = await mkdtemp(join(tmpdir(), 'personavlm-chat-'));
  await writeFile(join(cwd, 'photo.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  const model = new ScriptedChatModel(options.replies ?? []);
  const store = createAgentStore('ana');
  const events = new EventBus();
  const recorded: Array<Parameters<RecordTurn>[0]> = [];
  const recordTurn: RecordTurn = async (input) => {
    recorded.push(input);
    return { turn: { userId: input.userId, id: `t${recorded.length}`, sessionId: 's', seq: recorded.length, role: input.role, speaker: null, text: input.text, at: input.at, images: [], externalId: null, metadata: {}, enrichment: null }, rejectedImages: [] };
  };
  const agent = createAgent({ chat: options.replies ? createChatClient(model, { maxRetries: 0 }) : null, store, recall: scriptedRecall(options.recall ?? []).recall, events, config: agentConfig() });
  let closed = false;
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (text) => void out.push(text), stderr: (text) => void err.push(text), isTty: options.isTty, env: {}, cwd };
  const command = createChatCommand({
    open: async () => {
      const service = createChat({ agent, store, events, recordTurn });
      return { chat: { stream: (input) => service.stream(input), assertChatModel: () => service.assertConfigured() }, close: async () => void (closed = true) };
    },
    lines: async function* () {
      yield* options.lines;
    },
  });
  return { command, io, out, err, recorded, model, closed: () => closed };
}

test('terminal: streams answers, /image attaches to the next message, /quit ends, steps go to stderr', async () => {
  const kit = await harness({
    isTty: true,
    lines: ['/image photo.png', 'Where was this taken?', '', 'Thanks', '/quit', 'never sent'],
    replies: [
      '<think>Check the trip.</think><retrieve>{"keywords": ["beach"], "start_time": "2024-06-01 00:00", "end_time": null}</retrieve>',
      '<answer>At Lisbon beach, last June.</answer>',
      '<answer>You are welcome!</answer>',
    ],
    recall: [[recallItem({ source: 'semantic', id: 'm1', text: 'Ana went to Lisbon in June 2024.', at: new Date('2024-06-10T10:00:00Z') })]],
  });
  assert.equal(await kit.command(['--user', 'ana', '--show-steps'], kit.io), 0);
  const stdout = kit.out.join('');
  assert.equal(stdout, 'assistant> At Lisbon beach, last June.\nassistant> You are welcome!\n');
  const stderr = kit.err.join('');
  assert.match(stderr, /attached photo\.png to the next message/);
  assert.match(stderr, /· round 1: retrieve\n {2}think: Check the trip\.\n {2}retrieve: keywords \["beach"\] from 2024-06-01T00:00:00\.000Z to …/);
  assert.match(stderr, /found 1 new item\(s\), \d+ tokens\n {4}semantic: \[semantic memory, 2024-06-10 \(Monday\)\] Ana went to Lisbon in June 2024\./);
  assert.deepEqual(kit.recorded.map((input) => [input.role, input.text, input.images?.length ?? 0]), [
    ['user', 'Where was this taken?', 1],
    ['assistant', 'At Lisbon beach, last June.', 0],
    ['user', 'Thanks', 0],
    ['assistant', 'You are welcome!', 0],
  ]);
  assert.ok(kit.closed());
  kit.model.assertAllUsed();
});

test('not a terminal: one JSON object per message line', async () => {
  const kit = await harness({ isTty: false, lines: ['Hi', 'How are you?'], replies: ['<answer>Hello!</answer>', 'Fine, thanks.'] });
  assert.equal(await kit.command(['--user', 'ana'], kit.io), 0);
  const lines = kit.out.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.deepEqual(lines.map((line) => [line.text, line.answer, line.calls]), [['Hi', 'Hello!', 1], ['How are you?', 'Fine, thanks.', 1]]);
  assert.deepEqual((lines[1]?.warnings as Array<{ code: string }>).map((warning) => warning.code), ['model_output_untagged']);
});

test('errors: --user is required, a missing --image path, and no model configured (nothing stored)', async () => {
  const kit = await harness({ isTty: true, lines: ['Hi'], replies: null });
  await assert.rejects(kit.command([], kit.io), InvalidInputError);
  await assert.rejects(kit.command(['--user', 'ana', '--image', 'nope.png'], kit.io), /Cannot read the image .*nope\.png/);
  await assert.rejects(kit.command(['--user', 'ana'], kit.io), ModelNotConfiguredError);
  assert.deepEqual(kit.recorded, []);
  assert.ok(kit.closed());
});
