// The model-based bench commands through the CLI entry: help, usage errors, and no model → exit code 4 with a
// message that says what to configure, before any store is opened or any history is replayed.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { main } from '../main.ts';
import type { CliIo } from '../io.ts';

const personaMme = new URL('../../datasets/persona-mme/__fixtures__/Persona-MME.json', import.meta.url).pathname;
const personaMem = new URL('../../datasets/personamem/__fixtures__/', import.meta.url).pathname;
const locomo = new URL('../../bench/qa/__fixtures__/locomo-tiny.json', import.meta.url).pathname;
const dirs: string[] = [];
after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function cli(args: string[]) {
  const cwd = await mkdtemp(join(tmpdir(), 'bench-cli-'));
  dirs.push(cwd);
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), isTty: false, env: {}, cwd };
  const code = await main(args, io);
  return { code, stdout, stderr, cwd };
}

test('help of each model-based bench', async () => {
  assert.match((await cli(['bench', '--help'])).stdout, /persona-mme .*needs a model[\s\S]*personamem /);
  assert.match((await cli(['bench', 'persona-mme', '--help'])).stdout, /--questions <Persona-MME\.json> --out <dir>/);
  assert.match((await cli(['bench', 'personamem', '--help'])).stdout, /--contexts <shared_contexts_32k\.jsonl>/);
  assert.match((await cli(['bench', 'locomo', '--help'])).stdout, /--mode qa --data <file>/);
});

test('no model configured: exit 4, says what to set, creates nothing', async () => {
  for (const args of [
    ['bench', 'persona-mme', '--questions', personaMme, '--out', 'out'],
    ['bench', 'personamem', '--questions', join(personaMem, 'questions.csv'), '--contexts', join(personaMem, 'shared_contexts.jsonl'), '--out', 'out'],
    ['bench', 'locomo', '--mode', 'qa', '--data', locomo, '--out', 'out'],
  ]) {
    const { code, stderr, cwd } = await cli(args);
    assert.equal(code, 4, stderr);
    assert.match(stderr, /error \[model_not_configured\]: .* needs a model, and none is configured\. Pass --model-base-url and --model/);
    assert.deepEqual(await readdir(cwd), [], `${args[1]}: no store or results were created`);
  }
});

test('usage errors: missing files and bad options are exit 2', async () => {
  assert.equal((await cli(['bench', 'persona-mme', '--out', 'x'])).code, 2);
  const badMode = await cli(['bench', 'personamem', '--questions', 'q', '--contexts', 'c', '--out', 'o', '--agent-mode', 'fast']);
  assert.equal(badMode.code, 2);
  assert.match(badMode.stderr, /--agent-mode is "reason" .* or "one-shot"/);
  assert.match((await cli(['bench', 'locomo', '--mode', 'qa', '--data', locomo, '--out', 'o', '--categories', '1,7'])).stderr, /--categories takes LoCoMo categories 1–5/);
});
