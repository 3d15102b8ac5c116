// A fast in-memory PgliteStore for tests. Creating a PGlite database runs initdb in WASM, seconds per store on a
// busy machine; a migrated empty database is dumped once to the temp folder and every later test store starts as
// a copy of it. The file name carries the PGlite version and a hash of the migrations and initdb's WAL segment size,
// so a schema change makes a new template instead of reusing a stale one.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS } from '../store/migrations/index.ts';
import { PgliteStore, type PgliteStoreOptions } from '../store/pglite-store.ts';
import { NEW_WAL_SEGMENT_MIB } from '../store/pglite-wal.ts';

function templatePath(): string {
  // The package does not export its package.json; its entry point sits in dist/, one level below it.
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  const schema = createHash('sha256').update(JSON.stringify({ MIGRATIONS, NEW_WAL_SEGMENT_MIB })).digest('hex').slice(0, 16);
  return join(tmpdir(), `personavlm-pglite-template-${version}-${schema}.tar`);
}

async function readTemplate(path: string): Promise<Blob | null> {
  try {
    return new Blob([await readFile(path)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** An opened, empty, in-memory PgliteStore; the caller closes it. */
export async function openTestStore(options: Omit<PgliteStoreOptions, 'dataDir' | 'loadDataDir'> = {}): Promise<PgliteStore> {
  const path = templatePath();
  const template = await readTemplate(path);
  const store = new PgliteStore({ ...options, ...(template ? { loadDataDir: template } : {}) });
  await store.open();
  if (!template) {
    // Dumped before anyone writes, so the template is exactly a freshly migrated database. Written under a
    // temporary name and renamed: parallel test files never read a half-written template.
    const temporary = `${path}.${randomUUID()}`;
    await writeFile(temporary, new Uint8Array(await (await store.dumpDataDir()).arrayBuffer()));
    await rename(temporary, path);
  }
  return store;
}

/**
 * The store as a persona or a command may hold it for a while: close() does nothing, so the test that opened the
 * store closes it once at the end (methods stay bound to the store, whose private fields a proxy would not reach).
 */
export function unclosable<T extends object>(store: T): T {
  return new Proxy(store, {
    get: (target, name) => {
      if (name === 'close') return async () => {};
      const value: unknown = Reflect.get(target, name, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
