// The recorded real-model scenarios, replayed: each history through ingest and its questions through chat, with
// the replies a stand-in model gave to these exact prompts (recordings/*.json). A prompt that changed since the
// recording fails with "Re-record scenario X", never passes on a stale reply.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore } from '../../test/test-store.ts';
import { SCENARIOS } from './definitions/index.ts';
import { countVerdicts, gradeRun } from './grade.ts';
import { readRecording, ReplayModel } from './recorded-model.ts';
import { recordingPath, runScenario } from './run-scenario.ts';

for (const scenario of SCENARIOS) {
  test(`scenario ${scenario.name}: the recorded run stores every fact right and answers from current facts`, async () => {
    const recording = await readRecording(recordingPath(scenario.name));
    assert.ok(recording, `scenario ${scenario.name} has no recording: record it (src/bench/scenarios/README.md)`);
    const model = new ReplayModel(recording);
    const run = await runScenario(scenario, model, await openTestStore());
    assert.deepEqual(model.unused().map((call) => call.prompt), [], 'every recorded reply was asked for: the run took the recorded path');
    const grade = gradeRun(run);
    const wrong = grade.facts.filter((fact) => fact.verdict !== 'right').map((fact) => `${fact.id}: ${fact.verdict} — ${fact.why}`);
    assert.deepEqual(wrong, [], `facts of ${scenario.name}`);
    assert.deepEqual(countVerdicts(grade), { right: scenario.facts.length, wrong: 0, missing: 0 });
    const unanswered = grade.questions.filter((question) => !question.reached || !question.answered).map((question) => `${question.id}: reached ${question.reached}, answered ${question.answered}: "${question.answer}"`);
    assert.deepEqual(unanswered, [], `questions of ${scenario.name}`);
    // Provenance: every derived memory points back to turns of this user.
    for (const memory of run.memories) assert.ok(memory.sourceTurnIds.length > 0, `${memory.type} "${memory.content}" has source turns`);
  });
}

test('a prompt that changed since the recording fails the replay with "re-record scenario", never passes on a stale reply', async () => {
  const scenario = SCENARIOS[0]!;
  const recording = await readRecording(recordingPath(scenario.name));
  assert.ok(recording);
  // As if the first prompt's text had changed: its hash no longer matches what the code renders.
  const stale = { ...recording, calls: recording.calls.map((call, index) => (index === 0 ? { ...call, hash: `0${call.hash.slice(1)}` } : call)) };
  await assert.rejects(
    runScenario(scenario, new ReplayModel(stale), await openTestStore()),
    /Re-record scenario maya: it has no recorded reply for remember\.turn@\d+ \(prompt sha256 [0-9a-f]{12}\)/,
  );
});
