// Two systems in one run: lexical personavlm and the same with an embedder, each its own persona, reported side
// by side with the baselines; the embedder persona really embeds the turns and every question.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createPersona } from '../../persona.ts';
import { ScriptedEmbeddingModel } from '../../test/scripted-embedding-model.ts';
import { loadLocomo } from '../../datasets/locomo/load-locomo.ts';
import { runLocomoRetrieval } from './run-retrieval.ts';

const conversation = {
  sample_id: 'conv-e',
  conversation: {
    speaker_a: 'Ann',
    speaker_b: 'Bob',
    session_1_date_time: '1:56 pm on 8 May, 2023',
    session_1: [
      { speaker: 'Ann', dia_id: 'D1:1', text: 'I went to a support group yesterday.' },
      { speaker: 'Bob', dia_id: 'D1:2', text: 'My kids went camping in the mountains.' },
    ],
  },
  qa: [{ question: 'When did Ann go to the support group?', answer: '7 May 2023', evidence: ['D1:1'], category: 2 }],
};

/** Bag of words hashed into 16 dimensions: texts sharing words point alike. */
function bagOfWords(text: string): number[] {
  const vector = new Array<number>(16).fill(0);
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    const slot = [...word].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 16, 0);
    vector[slot] = vector[slot]! + 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

test('an embedder persona is measured beside the lexical one, in the same run', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'personavlm-retrieval-'));
  const model = new ScriptedEmbeddingModel([], { modelId: 'bag-of-words' });
  for (let n = 0; n < 50; n += 1) model.push((call) => call.values.map(bagOfWords));
  const lexical = createPersona({ config: { store: { dataDir: ':memory:' } }, model: null, embedder: null, imageEmbedder: null, vision: false });
  const embedded = createPersona({ config: { store: { dataDir: ':memory:' } }, model: null, embedder: model, imageEmbedder: null, vision: false });
  try {
    await writeFile(join(dir, 'tiny.json'), JSON.stringify([conversation]));
    await lexical.open();
    await embedded.open();
    const report = await runLocomoRetrieval({
      dataset: 'tiny.json',
      conversations: await loadLocomo(join(dir, 'tiny.json')),
      budgets: [4000],
      subjects: [{ name: 'personavlm', subject: lexical }, { name: 'personavlm+embedder (bag-of-words)', subject: embedded }],
    });
    assert.deepEqual(Object.keys(report.systems), ['personavlm', 'personavlm+embedder (bag-of-words)', 'bm25-turns', 'recency', 'full-context']);
    assert.equal(report.systems['personavlm+embedder (bag-of-words)']!.overall.strict['4000'], 1);
    const embeddedTexts = model.calls.flatMap((call) => call.values);
    assert.ok(embeddedTexts.includes('I went to a support group yesterday.'), 'the turns were embedded on ingest');
    assert.ok(embeddedTexts.includes('When did Ann go to the support group?'), 'the question was embedded at recall');
  } finally {
    await lexical.close();
    await embedded.close();
    await rm(dir, { recursive: true, force: true });
  }
});
