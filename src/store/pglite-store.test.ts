import { mkdtempSync, rmSync } from 'node:fs';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStoreConformance } from '../test/store-conformance.ts';
import { openTestStore } from '../test/test-store.ts';
import { PersonaError } from '../errors/index.ts';
import { PgliteStore } from './pglite-store.ts';

// Named databases (reopen tests) live on disk in a temporary folder; the shared store is in memory.
const root = mkdtempSync(join(tmpdir(), 'personavlm-pglite-'));
after(() => rmSync(root, { recursive: true, force: true }));

runStoreConformance({
  name: 'PGlite (in memory, pgvector)',
  expectPgvector: true,
  create: ({ database, ...options } = {}) =>
    database
      ? new PgliteStore({ ...options, dataDir: join(root, database), blobDir: join(root, `${database}-blobs`) })
      : openTestStore(options),
});

test('the buffer cache is 16 MiB unless set; a setting outside 1–1024 MiB is refused before anything opens', async () => {
  for (const [options, expected] of [[{}, '16MB'], [{ sharedBuffersMiB: 48 }, '48MB']] as const) {
    const store = await openTestStore(options);
    try {
      const [row] = await store.executor().query<{ shared_buffers: string }>('show shared_buffers');
      assert.equal(row?.shared_buffers, expected);
    } finally {
      await store.close();
    }
  }
  for (const sharedBuffersMiB of [0, 1.5, 2048]) {
    assert.throws(() => new PgliteStore({ sharedBuffersMiB }), (error: unknown) => PersonaError.isInstance(error) && error.code === 'config_invalid' && /1 to 1024/.test(error.message));
  }
});
