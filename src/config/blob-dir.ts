// Where image blobs go when blobDir is unset: beside a PGlite data directory (never inside it: that directory
// belongs to Postgres), or a local folder for a PostgreSQL server.
import { resolve } from 'node:path';
import { defaults } from './defaults.ts';

export function defaultBlobDir(store: { engine: 'pglite' | 'postgres'; dataDir: string }, cwd: string): string {
  if (store.engine === 'postgres') return resolve(cwd, defaults.store.postgresBlobDir);
  return `${resolve(cwd, store.dataDir).replace(/[\\/]+$/, '')}${defaults.store.blobSuffix}`;
}

/** store.dataDir ":memory:" on the embedded engine: a database (and, without a blobDir, blobs) in memory only. */
export function isInMemoryStore(store: { engine: 'pglite' | 'postgres'; dataDir: string }): boolean {
  return store.engine === 'pglite' && store.dataDir === defaults.store.inMemory;
}
