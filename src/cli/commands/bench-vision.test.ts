import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../main.ts';

const io = () => {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t), isTty: false, env: {}, cwd: process.cwd() } };
};

test('bench vision: help, and usage errors that say what to pass', async () => {
  const help = io();
  assert.equal(await main(['bench', 'vision', '--help'], help.io), 0);
  assert.match(help.out.stdout, /--out <dir>/);
  const noOut = io();
  assert.equal(await main(['bench', 'vision'], noOut.io), 2);
  assert.match(noOut.out.stderr, /--out <dir> is required/);
  const badRepeats = io();
  assert.equal(await main(['bench', 'vision', '--out', '/tmp/x', '--repeats', 'zero'], badRepeats.io), 2);
  assert.match(badRepeats.out.stderr, /--repeats must be a whole number/);
});
