// End to end on real data: a LoCoMo history replayed into PGlite, then one chat turn through the real
// recordTurn and the real retriever, with a scripted model. Checks what the model received in round 2.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { enrichText } from '../enrichment/index.ts';
import { EventBus } from '../memory/events.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import { createChatClient } from '../model/chat-client.ts';
import { formatStamp } from '../memory/stamp.ts';
import { rememberConfig, type RememberDeps } from '../remember/deps.ts';
import { ingestHistory } from '../remember/ingest.ts';
import { recordTurn } from '../remember/record-turn.ts';
import { firstConversation } from '../remember/test-support/locomo.ts';
import { createRetriever } from '../retrieval/index.ts';
import type { RecallResult } from '../retrieval/types.ts';
import { openTestStore } from '../test/test-store.ts';
import { ScriptedChatModel } from '../test/scripted-chat-model.ts';
import { createAgent } from './agent.ts';
import { agentConfig } from './agent-types.ts';
import { createChat } from './chat.ts';

const USER = 'conv-26';
let store: MemoryStore;
let lastTurnAt: Date;

before(async () => {
  const { history } = await firstConversation(2);
  store = await openTestStore();
  // Replayed without a model: turns, sessions and enrichment only, as `personavlm ingest` does.
  await ingestHistory({ store, memorySearch: createRetriever({ store }), chat: null, events: new EventBus(), enrich: enrichText, config: rememberConfig() }, USER, history);
  lastTurnAt = history.sessions.at(-1)?.turns.at(-1)?.at as Date;
});

after(async () => {
  await store?.close();
});

test('a chat turn over a replayed LoCoMo history: stored first, retrieved dialogue dated in round 2, job queued', async () => {
  const at = new Date(lastTurnAt.getTime() + 20 * 60_000); // inside the 60-minute recent window
  const question = 'When did Caroline go to the LGBTQ support group?';
  const model = new ScriptedChatModel([
    async () => {
      const stored = await store.turns.list(USER, { order: 'desc', limit: 1 });
      assert.equal(stored[0]?.text, question, 'the user turn is stored before the first model call');
      return '<think>The support group was in an earlier session.</think><retrieve>{"keywords": ["LGBTQ", "support group"], "start_time": null, "end_time": null}</retrieve>';
    },
    '<think>Found it.</think><answer>She went on 7 May 2023, the day before you talked about it.</answer>',
  ]);
  const chat = createChatClient(model, { maxRetries: 0 });
  const events = new EventBus();
  const retriever = createRetriever({ store });
  const recalled: RecallResult[] = [];
  const recall = async (query: Parameters<typeof retriever.recall>[0]) => {
    const result = await retriever.recall(query);
    recalled.push(result);
    return result;
  };
  const remember: RememberDeps = { store, memorySearch: createRetriever({ store }), chat, events, enrich: enrichText, config: rememberConfig() };
  const agent = createAgent({ chat, store, recall, events, config: agentConfig({ budgetTokens: 600 }) });
  const service = createChat({ agent, store, events, recordTurn: (input) => recordTurn(remember, input) });

  const outcome = await service.chat({ userId: USER, text: question, at });
  assert.equal(outcome.answer, 'She went on 7 May 2023, the day before you talked about it.');
  assert.equal(outcome.calls, 2);

  const [first, second] = model.calls;
  const recent = await store.turns.list(USER, { range: { from: new Date(at.getTime() - 3_600_000), to: at }, order: 'asc' });
  assert.ok(recent.length > 0);
  for (const turn of recent) assert.ok(first?.promptText.includes(`[${formatStamp(turn.at)}] ${turn.speaker}: ${turn.text}`), `recent turn ${turn.id} shown in round 1`);

  const items = recalled[0]?.items ?? [];
  assert.ok(items.length > 0, 'the retriever found something');
  assert.ok(items.every((item) => !item.sourceTurnIds.some((id) => recent.some((turn) => turn.id === id))), 'recent turns are not retrieved again');
  const round2 = second?.promptText.split('assistant: ').at(-1) ?? '';
  for (const item of items) assert.ok(round2.includes(`- ${item.text.trim().split('\n')[0]}`) && /^\[(?:\w+ memory, )?\d{4}-\d\d-\d\d(?: \d\d:\d\d)? \([A-Z][a-z]+day\)/.test(item.text), `item ${item.id} in round 2, starting with its time and weekday`);
  assert.match(round2, /Retrieved Dialogue:\n- \[2023-05-\d\d \d\d:\d\d \([A-Z][a-z]+day\)\]\n/);

  const turns = await store.turns.list(USER, { order: 'desc', limit: 2 });
  assert.deepEqual(turns.map((turn) => [turn.id, turn.role]), [[outcome.turnIds.assistant, 'assistant'], [outcome.turnIds.user, 'user']]);
  const jobs = await store.jobs.list(USER, ['pending']);
  assert.ok(jobs.some((job) => job.payload.turnId === outcome.turnIds.user), 'the user turn is handed to the update phase');
  model.assertAllUsed();
});
