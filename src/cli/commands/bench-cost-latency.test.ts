// `bench cost` and `bench recall-latency` through the CLI entry: help and usage errors, caught before any data
// is read or any database opened (the runs themselves are tested in bench/cost and bench/latency).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { main } from '../main.ts';
import type { CliIo } from '../io.ts';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), isTty: false, env: {}, cwd: '/nonexistent-bench-cwd' };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

test('bench lists cost and recall-latency; each has its help', async () => {
  assert.match((await cli(['bench', '--help'])).stdout, /cost +Update-phase cost[\s\S]*recall-latency +Recall p50/);
  assert.match((await cli(['bench', 'cost', '--help'])).stdout, /--data <locomo\.json> --out <dir> \[--turns 200\]/);
  assert.match((await cli(['bench', 'recall-latency', '--help'])).stdout, /\[--sizes 1000,10000\] \[--engines pglite,postgres\]/);
  assert.match((await cli(['bench', '--help'])).stdout, /ingest +Ingest turns\/s/);
  assert.match((await cli(['bench', 'ingest', '--help'])).stdout, /one turn per transaction \(the live path\), once batched/);
});

test('usage errors say which flag is wrong and what it takes', async () => {
  const cases: [string[], RegExp][] = [
    [['bench', 'cost', '--out', 'x'], /--data is required/],
    [['bench', 'cost', '--data', 'a.json', '--out', 'x', '--turns', '0'], /--turns takes a positive whole number/],
    [['bench', 'recall-latency', '--sizes', '1000,10000'], /--out is required/],
    [['bench', 'recall-latency', '--out', 'x', '--sizes', '1k'], /--sizes takes positive whole numbers/],
    [['bench', 'recall-latency', '--out', 'x', '--engines', 'mysql'], /--engines takes pglite and\/or postgres/],
    [['bench', 'recall-latency', '--out', 'x', '--embedder', 'minilm'], /--embedder takes none or hash/],
    [['bench', 'ingest'], /--out is required/],
    [['bench', 'ingest', '--out', 'x', '--engines', 'sqlite'], /--engines takes pglite and\/or postgres/],
  ];
  for (const [args, message] of cases) {
    const { code, stderr } = await cli(args);
    assert.notEqual(code, 0, args.join(' '));
    assert.match(stderr, message, args.join(' '));
  }
});
