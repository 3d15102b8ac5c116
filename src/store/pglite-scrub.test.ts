// Deleting a user on the embedded engine leaves none of their text in the database files: not in table pages,
// not in the planner's statistics, not in the WAL (checked byte for byte after the store closes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgliteStore } from './pglite-store.ts';

async function filesHolding(dir: string, marker: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if ((await readFile(path)).includes(marker)) found.push(path.slice(dir.length + 1));
  }
  return found;
}

test('after delete-user, no byte of the user\'s text is left in the PGlite data directory; other users keep theirs', async () => {
  const root = await mkdtemp(join(tmpdir(), 'personavlm-scrub-'));
  const dataDir = join(root, 'data');
  try {
    const store = new PgliteStore({ dataDir });
    await store.open();
    for (const [user, marker] of [['keep', 'KEEPMARKERQZX'], ['gone', 'GONEMARKERQZX']] as const) {
      await store.users.ensure(user);
      const session = await store.sessions.create(user, new Date('2026-01-01T00:00:00Z'));
      for (let n = 0; n < 40; n++) await store.turns.append(user, { sessionId: session.id, role: 'user', text: `${marker}${n} my private note`, at: new Date(Date.UTC(2026, 0, 1, 0, n)) });
      await store.memories.add(user, { type: 'semantic', content: `${marker} memory`, keywords: [marker] });
    }
    await store.executor().query('analyze');
    assert.ok((await filesHolding(dataDir, 'GONEMARKERQZX')).length > 0, 'the text is on disk before');
    const report = await store.users.delete('gone');
    assert.deepEqual(report.leftovers, []);
    await store.close();
    assert.deepEqual(await filesHolding(dataDir, 'GONEMARKERQZX'), [], 'no file holds the deleted text');
    assert.ok((await filesHolding(dataDir, 'KEEPMARKERQZX')).length > 0, 'the other user\'s text is still there (the search works)');
    const reopened = new PgliteStore({ dataDir });
    await reopened.open();
    assert.equal((await reopened.turns.list('keep')).length, 40);
    await reopened.close();
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
