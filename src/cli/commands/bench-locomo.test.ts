// `bench locomo --mode retrieval` end to end on a tiny file in the locomo10.json format.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CliIo } from '../io.ts';
import { run } from './bench.ts';
import { parseBudgets } from './bench-locomo-retrieval.ts';

const conversation = {
  sample_id: 'conv-t',
  conversation: {
    speaker_a: 'Ann',
    speaker_b: 'Bob',
    session_1_date_time: '1:56 pm on 8 May, 2023',
    session_1: [
      { speaker: 'Ann', dia_id: 'D1:1', text: 'I went to a support group yesterday.' },
      { speaker: 'Bob', dia_id: 'D1:2', text: 'What did you paint last week?' },
      { speaker: 'Ann', dia_id: 'D1:3', text: 'A sunrise over the lake.', blip_caption: 'a photo of a painting', img_url: ['u'] },
    ],
    session_2_date_time: '9:00 am on 2 June, 2023',
    session_2: [
      { speaker: 'Bob', dia_id: 'D2:1', text: 'My kids went camping in the mountains.' },
      { speaker: 'Ann', dia_id: 'D2:2', text: 'I adopted a puppy called Shadow.' },
    ],
  },
  qa: [
    { question: 'When did Ann go to the support group?', answer: '7 May 2023', evidence: ['D1:1'], category: 2 },
    { question: 'What did Ann paint and what is her puppy called?', answer: 'a sunrise; Shadow', evidence: ['D1:3; D2:2'], category: 1 },
    { question: 'Unknown evidence only', answer: 'x', evidence: ['D9:9'], category: 4 },
  ],
};

test('budgets parse strictly', () => {
  assert.deepEqual(parseBudgets('2000, 500'), [500, 2000]);
  assert.throws(() => parseBudgets('500,big'), /positive integers/);
});

test('writes report.json in the documented shape, report.md and a trace, with the baselines beside the system', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'personavlm-bench-'));
  try {
    const data = join(dir, 'tiny.json');
    await writeFile(data, JSON.stringify([conversation]));
    const out: string[] = [];
    const io: CliIo = { stdout: (text) => out.push(text), stderr: () => undefined, isTty: false, env: {}, cwd: dir };
    assert.equal(await run(['locomo', '--mode', 'retrieval', '--data', 'tiny.json', '--out', 'out', '--trace', '--budgets', '30,4000'], io), 0);
    const report = JSON.parse(await readFile(join(dir, 'out', 'report.json'), 'utf8'));
    assert.equal(report.dataset, 'tiny.json');
    assert.equal(report.questions, 2, 'the question with only unknown evidence is skipped');
    assert.deepEqual(Object.keys(report.systems), ['personavlm', 'bm25-turns', 'recency', 'full-context']);
    const system = report.systems.personavlm;
    assert.deepEqual(Object.keys(system), ['overall', 'categories', 'tokens_per_query', 'latency_ms']);
    assert.deepEqual(Object.keys(system.overall), ['strict', 'any', 'fraction']);
    assert.deepEqual(Object.keys(system.overall.strict), ['30', '4000']);
    assert.deepEqual(Object.keys(system.categories), ['1', '2', '3', '4', '5']);
    assert.equal(system.overall.strict['4000'], 1, 'everything fits in 4000 tokens');
    assert.equal(report.systems['full-context'].overall.strict['4000'], 1);
    assert.ok(report.systems['full-context'].tokens_per_query > system.overall.strict['30']);
    assert.deepEqual(Object.keys(system.latency_ms), ['p50', 'p95']);
    assert.match(await readFile(join(dir, 'out', 'report.md'), 'utf8'), /\| personavlm \| [\d.]+ \| 1\.000 \|/);
    const trace = (await readFile(join(dir, 'out', 'trace.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    assert.equal(trace.length, 2 * 4);
    assert.deepEqual(Object.keys(trace[0]), ['system', 'sample_id', 'question', 'category', 'evidence', 'items']);
    assert.deepEqual(trace.map((line) => line.system).slice(0, 4), ['personavlm', 'bm25-turns', 'recency', 'full-context']);
    assert.deepEqual(trace[4].evidence, ['D1:3', 'D2:2']);
    assert.deepEqual(JSON.parse(out.join('')), report, 'stdout carries the same JSON off a terminal');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('--mode tune reports leave-one-out beside the defaults, and its defaults match the retrieval run on the same data', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'personavlm-tune-'));
  try {
    const second = structuredClone(conversation);
    second.sample_id = 'conv-u';
    second.conversation.session_2[1]!.text = 'I adopted a kitten called Luna.';
    second.qa[1] = { question: 'What did Ann paint and what is her kitten called?', answer: 'a sunrise; Luna', evidence: ['D1:3; D2:2'], category: 1 };
    await writeFile(join(dir, 'two.json'), JSON.stringify([conversation, second]));
    const io: CliIo = { stdout: () => undefined, stderr: () => undefined, isTty: false, env: {}, cwd: dir };
    assert.equal(await run(['locomo', '--mode', 'tune', '--data', 'two.json', '--out', 'tune', '--budgets', '30,4000', '--objective-budgets', '30'], io), 0);
    assert.equal(await run(['locomo', '--mode', 'retrieval', '--data', 'two.json', '--out', 'plain', '--budgets', '30,4000'], io), 0);
    const { reports } = JSON.parse(await readFile(join(dir, 'tune', 'report.json'), 'utf8'));
    const plain = JSON.parse(await readFile(join(dir, 'plain', 'report.json'), 'utf8'));
    assert.equal(reports.length, 1, 'no embedder configured: the lexical system only');
    const [report] = reports;
    assert.equal(report.system, 'personavlm');
    assert.equal(report.objective, 'strict@30');
    assert.equal(report.questions, 4);
    assert.deepEqual(report.folds.map((fold: { heldOut: string }) => fold.heldOut), ['conv-t', 'conv-u']);
    assert.ok(report.evaluations > 10);
    for (const budget of ['30', '4000']) {
      assert.equal(Number(report.leaveOneOut.defaults.overall.strict[budget].toFixed(4)), plain.systems.personavlm.overall.strict[budget], `the views the tuner ranks on are the ones recall uses (@${budget})`);
    }
    assert.equal(report.leaveOneOut.tuned.overall.strict['4000'], 1);
    const markdown = await readFile(join(dir, 'tune', 'report.md'), 'utf8');
    assert.match(markdown, /\| leave-one-out \| overall \| [\d.]+ \| 1\.000 \|/);
    assert.match(markdown, /\| conv-t \| /);
    await assert.rejects(run(['locomo', '--mode', 'tune', '--data', 'two.json', '--out', 'x', '--budgets', '30,4000', '--objective-budgets', '2000'], io), /must be one of --budgets/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
