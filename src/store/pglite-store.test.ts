import { mkdtempSync, rmSync } from 'node:fs';
import { after } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStoreConformance } from '../test/store-conformance.ts';
import { openTestStore } from '../test/test-store.ts';
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
