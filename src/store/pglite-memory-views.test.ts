// A saved memory view holds memory text, so a forget must take it away for good: unreadable when the forget
// commits, its file deleted right after, and when the process dies in between, by the next load or open. Checked
// byte for byte in the blob folder of an embedded store on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { semantic } from '../test/store-conformance-fixtures.ts';
import { PgliteStore } from './pglite-store.ts';

async function filesHolding(dir: string, marker: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if ((await readFile(path)).includes(marker)) found.push(path.slice(dir.length + 1));
  }
  return found;
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

test('a saved memory view is kept only at its stamp, and a forget deletes its file, across a crash too', async () => {
  const root = await mkdtemp(join(tmpdir(), 'personavlm-memory-views-'));
  const dataDir = join(root, 'data');
  const blobDir = join(root, 'blobs');
  try {
    const store = new PgliteStore({ dataDir, blobDir });
    await store.open();
    const stamp = async (userId: string): Promise<number> => (await store.users.get(userId))!.memoryStamp;
    const rows = async (): Promise<unknown[]> => store.executor().query(`select view_key from memory_views where user_id = 'ann'`);
    const secret = await store.memories.add('ann', semantic('the door code is 4711'));
    await store.memories.add('eve', semantic('eve likes coffee'));

    assert.equal(await store.memoryViews.save('ann', { key: 'k', memoryStamp: await stamp('ann'), data: bytes('view A1MARKQZX') }), true);
    assert.deepEqual(await store.memoryViews.load('ann'), { key: 'k', memoryStamp: await stamp('ann'), data: bytes('view A1MARKQZX') });
    assert.equal(await store.memoryViews.load('eve'), null, "another user's load finds nothing");
    assert.equal((await filesHolding(blobDir, 'A1MARKQZX')).length, 1);

    // A view read before a memory write is not kept after it, and leaves no bytes behind.
    const before = await stamp('ann');
    await store.memories.add('ann', semantic('ann moved to Porto'));
    assert.equal(await store.memoryViews.save('ann', { key: 'k', memoryStamp: before, data: bytes('stale A2MARKQZX') }), false);
    assert.deepEqual(await filesHolding(blobDir, 'A2MARKQZX'), []);
    assert.equal((await store.memoryViews.load('ann'))?.memoryStamp, before, 'the saved one stays (its changes are read on load)');

    // A forget: nothing to load from its commit on, and the file is gone.
    await store.memories.forget('ann', secret.id);
    assert.equal(await store.memoryViews.load('ann'), null);
    assert.deepEqual(await filesHolding(blobDir, 'A1MARKQZX'), []);
    assert.deepEqual(await rows(), []);

    // The process dies between the forget's commit (which marks the row) and deleting the file: the next open deletes it.
    assert.equal(await store.memoryViews.save('ann', { key: 'k', memoryStamp: await stamp('ann'), data: bytes('view A3MARKQZX') }), true);
    await store.executor().query(`update memory_views set view_key = null where user_id = 'ann'`);
    await store.close();
    assert.equal((await filesHolding(blobDir, 'A3MARKQZX')).length, 1, 'left by the process that died');
    const reopened = new PgliteStore({ dataDir, blobDir });
    await reopened.open();
    try {
      assert.deepEqual(await filesHolding(blobDir, 'A3MARKQZX'), [], 'deleted when the store opened');
      assert.deepEqual(await reopened.executor().query(`select 1 from memory_views where user_id = 'ann'`), []);
      // Marked while this process runs (another process's forget died): the next load deletes it.
      const annStamp = (await reopened.users.get('ann'))!.memoryStamp;
      assert.equal(await reopened.memoryViews.save('ann', { key: 'k', memoryStamp: annStamp, data: bytes('view A4MARKQZX') }), true);
      await reopened.executor().query(`update memory_views set view_key = null where user_id = 'ann'`);
      assert.equal(await reopened.memoryViews.load('ann'), null);
      assert.deepEqual(await filesHolding(blobDir, 'A4MARKQZX'), []);
      assert.equal((await reopened.memories.list('eve')).length, 1);
      // A save for a user that is gone (deleted while the view was being built) keeps no bytes of it, either kind.
      assert.equal(await reopened.memoryViews.save('ghost', { key: 'k', memoryStamp: 1, data: bytes('view G1MARKQZX') }), false);
      await assert.rejects(reopened.recallViews.save('ghost', { key: 'k', data: bytes('view G2MARKQZX') }));
      assert.deepEqual(await filesHolding(blobDir, 'MARKQZX'), []);
    } finally {
      await reopened.close();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
