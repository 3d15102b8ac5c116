// The runners over the real system: ingestHistory into PGlite (no update model: turns, images and enrichment
// only) and the real agent answering with a scripted model. Proves the wiring: replayed turns are stored and
// reach the reasoning prompt, a seeded profile too, and asking stores nothing.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createAgent } from '../../agent/agent.ts';
import { agentConfig } from '../../agent/agent-types.ts';
import { scriptedRecall } from '../../agent/test-support/scripted-recall.ts';
import { enrichText } from '../../enrichment/index.ts';
import { ModelNotConfiguredError } from '../../errors/index.ts';
import { EventBus } from '../../memory/events.ts';
import { createModelAccounting } from '../../model/accounting.ts';
import { createChatClient } from '../../model/chat-client.ts';
import { rememberConfig, type RememberVision } from '../../remember/deps.ts';
import { cropRegion } from '../../vision/crop-region.ts';
import { prepareImage } from '../../vision/prepare-image.ts';
import type { MemoryStore } from '../../store/index.ts';
import { openTestStore } from '../../test/test-store.ts';
import { ScriptedChatModel, type RecordedModelCall } from '../../test/scripted-chat-model.ts';
import { runPersonaMme, userIdFor } from '../persona-mme/run-persona-mme.ts';
import { contextUserId } from '../../datasets/personamem/segment-history.ts';
import { runPersonaMem } from '../personamem/run-personamem.ts';
import { createAgentSubject } from './agent-subject.ts';
import { createRetriever } from '../../retrieval/index.ts';

const questionsFile = new URL('../../datasets/persona-mme/__fixtures__/Persona-MME.json', import.meta.url).pathname;
let store: MemoryStore;
const dirs: string[] = [];
before(async () => {
  store = await openTestStore();
});
after(async () => {
  await store.close();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const REPLIES: Array<[needle: string, answer: string]> = [
  ['that pop album again', '(a)'],
  ['after a tough project at work', '(b)'],
  ['Any ideas for this weekend', '(d)'],
  ['kind of cooking', '(c)'],
  ['new creative hobby', '(b)'],
  ['Response to evaluate', '(a)'],
  ['color of the mouse', '(c)'],
  ['medium am I leaning', 'Painting.'],
  ['Which truck seems more significant', '(b)'],
  ['Why was that again?', '(a)'],
  ['one last step for the night', '(c)'],
];
const reply = (call: RecordedModelCall) => {
  const found = REPLIES.find(([needle]) => call.promptText.includes(needle));
  if (!found) throw new Error(`unexpected prompt: ${call.promptText.slice(-200)}`);
  return `<think>Let me recall what I know about this user.</think><answer>${found[1]}</answer>`;
};

// The real image intake (decode, sizes); analysis reports every analyzer as unavailable, which is all a
// benchmark wiring test needs and keeps OCR and detectors out of it.
const vision: RememberVision = {
  prepare: (bytes) => prepareImage(bytes, { maxBytes: 1_000_000, maxPixels: 1_000_000 }),
  crop: (bytes, box) => cropRegion(bytes, box),
  analyze: async () => ({ ocrText: '', objects: [], faces: [], colors: [], caption: null, analyzers: { ocr: 'unavailable', objects: 'unavailable', faces: 'unavailable' } }),
};

function system(chatModel: ScriptedChatModel | null) {
  const events = new EventBus();
  const accounting = createModelAccounting();
  const agent = createAgent({
    chat: chatModel ? createChatClient(chatModel, { accounting, maxRetries: 0 }) : null,
    store,
    recall: scriptedRecall([]).recall,
    events,
    config: agentConfig(),
  });
  const subject = createAgentSubject({ agent, remember: { store, memorySearch: createRetriever({ store }), chat: null, events, enrich: enrichText, vision, config: rememberConfig() } });
  return { subject, accounting };
}

test('PersonaMem through the real ingest path and agent: each question sees its prefix', async () => {
  const out = await mkdtemp(join(tmpdir(), 'agent-subject-'));
  dirs.push(out);
  const fixtures = new URL('../../datasets/personamem/__fixtures__/', import.meta.url).pathname;
  const model = new ScriptedChatModel(Array.from({ length: 5 }, () => reply));
  const { subject, accounting } = system(model);
  const { report } = await runPersonaMem({ questionsFile: join(fixtures, 'questions.csv'), contextsFile: join(fixtures, 'shared_contexts.jsonl'), outDir: out, subject, accounting });
  model.assertAllUsed();

  const userA = contextUserId('a3f1c0de9b7e4d2a8c6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b');
  const turns = await store.turns.list(userA);
  assert.deepEqual(turns.map((turn) => turn.externalId), ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'], 'the context without its system message, and no question');
  const first = model.calls.find((call) => call.promptText.includes('that pop album again'))!;
  assert.match(first.promptText, /I always go hiking with friends/, 'message 1 is before end index 3');
  assert.doesNotMatch(first.promptText, /small BBQ/, 'message 5 is after end index 3: not seen');
  assert.deepEqual(report.overall, { correct: 4, total: 5, accuracy: 0.8 });
});

test('Persona-MME through the real ingest path and agent', async () => {
  const out = await mkdtemp(join(tmpdir(), 'agent-subject-'));
  dirs.push(out);
  const model = new ScriptedChatModel(Array.from({ length: 9 }, () => reply));
  const { subject, accounting } = system(model);
  const { report } = await runPersonaMme({ questionsFile, outDir: out, subject, accounting });
  model.assertAllUsed();

  const mia = userIdFor('./data/Persona-MME/samples/50/0/user_data.json');
  const turns = await store.turns.list(mia);
  assert.equal(turns.length, 8, '4 exchanges stored, and no question or answer');
  assert.equal(turns[0]!.images.length, 1, 'the <img> turn kept its picture');
  const core = await store.memories.list(mia, { types: ['core'] });
  assert.deepEqual(core.map((memory) => memory.content).sort(), ['Age: 29', 'Name: Mia', 'Occupation: barista and hobby illustrator', 'Residence: Ames, Iowa']);
  assert.match(model.calls[0]!.promptText, /Name: Mia/, 'the seeded profile is in the reasoning prompt');
  assert.match(model.calls[0]!.promptText, /2024-09-23 20:08/, 'asked at the question time');

  assert.deepEqual(report.overall, { correct: 5, total: 5, accuracy: 1 });
  assert.deepEqual(report.alignment, { correct: 2, total: 4, accuracy: 0.5 }, '"(a)" to every reply: right for chosen, wrong for rejected');
  assert.equal(report.answers.model_calls.max, 1);
});

test('without a chat model the run stops before replaying anything', async () => {
  const out = await mkdtemp(join(tmpdir(), 'agent-subject-'));
  dirs.push(out);
  const { subject, accounting } = system(null);
  await assert.rejects(runPersonaMme({ questionsFile, outDir: out, subject, accounting }), ModelNotConfiguredError);
});
