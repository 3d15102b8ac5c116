// The README's first command, run for real on a temporary embedded database: no model, real OCR, real recall.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main.ts';

test('demo imports the sample history and recalls from it, twice without duplicating anything', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'personavlm-demo-'));
  try {
    const run = async () => {
      let out = '';
      let err = '';
      const code = await main(['demo', '--data-dir', dir], { stdout: (t) => (out += t), stderr: (t) => (err += t), isTty: false, env: {}, cwd: dir });
      return { code, out, err };
    };
    const first = await run();
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /20 turns stored \(0 already there\)/);
    assert.match(first.out, /OCR ok ".*MATCHA LATTE.*"/i, 'the receipt photo was read offline');
    assert.match(first.out, /allergic to peanuts/, 'recall finds the allergy');
    assert.match(first.err, /memory_model_missing/, 'the missing model is said, not hidden');
    assert.match(first.out, /PERSONAVLM_MODEL=/);
    const second = await run();
    assert.equal(second.code, 0, second.err);
    assert.match(second.out, /0 turns stored \(20 already there\)/, 'a second import resumes instead of duplicating');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
