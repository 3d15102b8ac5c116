import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hostname } from 'node:os';
import { StoreError } from '../errors/index.ts';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive lock file for an embedded database. PGlite has no lock of its own: two processes opening one
 * data directory both succeed and then overwrite each other's pages. A lock left by a dead process on this
 * host is taken over.
 */
export class DirectoryLock {
  readonly #path: string;
  #held = false;

  constructor(path: string) {
    this.#path = path;
  }

  async acquire(): Promise<void> {
    await mkdir(dirname(this.#path), { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await open(this.#path, 'wx');
        await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname() }));
        await handle.close();
        this.#held = true;
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = await this.#owner();
      if (owner && (owner.host !== hostname() || alive(owner.pid))) {
        throw new StoreError(`The database is in use by process ${owner.pid} on ${owner.host} (lock file ${this.#path}). Close that process first; for several processes at once use the PostgreSQL engine.`, {
          details: { lockFile: this.#path, pid: owner.pid, host: owner.host },
        });
      }
      await rm(this.#path, { force: true });
    }
    throw new StoreError(`Could not take the lock file ${this.#path}; another process keeps creating it.`);
  }

  async #owner(): Promise<{ pid: number; host: string } | null> {
    try {
      const value = JSON.parse(await readFile(this.#path, 'utf8')) as { pid?: unknown; host?: unknown };
      return typeof value.pid === 'number' && typeof value.host === 'string' ? { pid: value.pid, host: value.host } : null;
    } catch {
      // Unreadable or half-written: treated as stale, since a live owner writes it right after creating it.
      return null;
    }
  }

  async release(): Promise<void> {
    if (!this.#held) return;
    this.#held = false;
    await rm(this.#path, { force: true });
  }
}
