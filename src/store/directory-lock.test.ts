import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PersonaError } from '../errors/index.ts';
import { DirectoryLock } from './directory-lock.ts';

test('one holder at a time; released locks and locks of dead processes are taken', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'personavlm-lock-'));
  try {
    const path = join(dir, 'db.lock');
    const first = new DirectoryLock(path);
    await first.acquire();
    assert.equal(JSON.parse(await readFile(path, 'utf8')).pid, process.pid);
    const second = new DirectoryLock(path);
    await assert.rejects(second.acquire(), (error: unknown) => PersonaError.isInstance(error) && error.code === 'store_failed' && /in use by process/.test(error.message));
    await first.release();
    await second.acquire();
    await second.release();
    // A lock left by a process that no longer exists (pid far above any live one) is stale.
    await writeFile(path, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname() }));
    const third = new DirectoryLock(path);
    await third.acquire();
    assert.equal(JSON.parse(await readFile(path, 'utf8')).pid, process.pid);
    await third.release();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
