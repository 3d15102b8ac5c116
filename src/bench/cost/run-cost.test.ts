// A tiny real run of the cost benchmark: the first 20 turns of a LoCoMo conversation through the real update
// phase in both budgets. Asserts the report's shape and the call counts of each budget's design; no timing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLocomo } from '../../datasets/locomo/load-locomo.ts';
import { openTestStore } from '../../test/test-store.ts';
import { ScriptedChatModel } from '../../test/scripted-chat-model.ts';
import { costMarkdown } from './cost-markdown.ts';
import { firstTurns, countTurns } from './first-turns.ts';
import { runCost } from './run-cost.ts';
import { rememberReply } from './scripted-remember-model.ts';

const conversations = await loadLocomo('../shared/data/locomo/locomo-dev.json');

test('firstTurns keeps sessions in order and cuts the last one short', () => {
  const history = firstTurns(conversations[0]!.history, 20);
  const firstSession = conversations[0]!.history.sessions[0]!.turns.length;
  assert.equal(countTurns(history).turns, 20);
  assert.equal(history.sessions[0]!.turns.length, Math.min(firstSession, 20));
  assert.equal(history.sessions.length, firstSession >= 20 ? 1 : 2);
});

test('bench cost: fixed spends 1 call per user turn + 1 per session, paper 2 + 3; tokens from the real prompts', async () => {
  const report = await runCost({ dataset: 'locomo-dev.json', conversations, turns: 20, openStore: () => openTestStore(), embedderDimensions: 16 });
  const { fixed, paper } = report.budgets;
  assert.equal(report.turns, 20);
  assert.ok(report.userTurns > 0 && report.sessions > 0);

  assert.equal(fixed.total.calls, report.userTurns + report.sessions);
  assert.equal(fixed.byPurpose['remember.turn']?.calls, report.userTurns);
  assert.equal(fixed.byPurpose['remember.session']?.calls, report.sessions);
  assert.equal(paper.total.calls, 2 * report.userTurns + 3 * report.sessions);
  for (const purpose of ['remember.personality', 'remember.semantic']) assert.equal(paper.byPurpose[purpose]?.calls, report.userTurns, purpose);
  for (const purpose of ['remember.episodic', 'remember.procedural', 'remember.core']) assert.equal(paper.byPurpose[purpose]?.calls, report.sessions, purpose);
  assert.equal(fixed.modelCalls, fixed.total.calls, 'no retries: the model saw exactly the logical calls');
  assert.equal(paper.modelCalls, paper.total.calls);

  for (const budget of [fixed, paper]) {
    assert.equal(budget.jobsFailed, 0);
    assert.deepEqual(budget.warnings, {}, 'every scripted reply parses without repair');
    assert.ok(budget.memories.semantic! > 0 && budget.memories.episodic! > 0 && budget.memories.core! > 0, 'the replies produced memories');
    assert.equal(budget.per100Turns.calls, Math.round((budget.total.calls / 20) * 1000) / 10);
    assert.ok(budget.total.inputTokens > 200 * budget.total.calls, 'prompt tokens are the rendered prompts (each several hundred tokens)');
  }
  assert.equal(report.ratio.calls, Math.round((fixed.per100Turns.calls / paper.per100Turns.calls) * 1000) / 1000);
  assert.ok(report.ratio.calls < 1 && report.ratio.promptTokens < 1);

  assert.deepEqual(report.overhead.map((o) => o.index), ['lexical', 'fixed-hash-16']);
  for (const overhead of report.overhead) assert.equal(overhead.perTurnMs.count, 19, 'every turn but the cold first one');

  const markdown = costMarkdown(report);
  assert.match(markdown, /\| fixed \| \d/);
  assert.match(markdown, /\| \*\*ratio fixed \/ paper\*\* \|/);
  assert.match(markdown, /\| remember\.episodic \| 0 \| 0 \| \d+ \| \d+ \|/);
});

test('the scripted remember model refuses a prompt that is not a remember prompt', async () => {
  const model = new ScriptedChatModel([rememberReply]);
  await assert.rejects(
    model.doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'What is the weather?' }] }] }),
    /not a remember prompt/,
  );
});
