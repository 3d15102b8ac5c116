// Runs every *.test.ts with Node's test runner and ends with the plain summary line CI reads.
// Why a wrapper: node --test prints its totals as separate "ℹ pass N" lines; CI wants "N passed, N failed".
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = findTests('src').filter((f) => filters.length === 0 || filters.some((p) => f.includes(p))).sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const child = spawn(
  process.execPath,
  ['--disable-warning=ExperimentalWarning', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const totals = { pass: 0, fail: 0, skipped: 0, todo: 0, cancelled: 0 };
let buffer = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  buffer += chunk.toString();
});
child.on('close', (code) => {
  for (const key of Object.keys(totals)) {
    const match = buffer.match(new RegExp(`^ℹ ${key} (\\d+)$`, 'm'));
    if (match) totals[key] = Number(match[1]);
  }
  const failed = totals.fail + totals.cancelled;
  const skipped = totals.skipped + totals.todo;
  console.log(`${totals.pass} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(code ?? 1);
});
