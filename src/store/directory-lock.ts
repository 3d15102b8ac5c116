import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hostname } from 'node:os';
import { StoreError } from '../errors/index.ts';

/** Whether a process of this machine still exists (a lock's or a lease's owner). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Owner {
  pid: number;
  host: string;
  /** Unique per acquisition: a takeover checks it removes the very lock it judged stale. */
  token: string;
}

/** A takeover lock older than this belongs to a process that died inside the few milliseconds a takeover takes. */
const ABANDONED_TAKEOVER_MS = 10_000;
const RETRIES = 50;
const RETRY_MS = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isCode = (error: unknown, code: string): boolean => (error as NodeJS.ErrnoException).code === code;

/**
 * An exclusive lock file for an embedded database. PGlite has no lock of its own: two processes opening one
 * data directory both succeed and then overwrite each other's pages, losing acknowledged writes.
 *
 * Atomic by construction: the lock is created by link(2) from a temporary file that is already fully written, so
 * no process ever reads a lock file half-written (and mistakes it for stale). A lock left by a dead process on
 * this host is taken over under a second lock (the takeover lock, also created by link), and only after reading
 * it again: of several processes that found the same stale lock, exactly one replaces it.
 */
export class DirectoryLock {
  readonly #path: string;
  readonly #takeover: string;
  #token: string | null = null;

  constructor(path: string) {
    this.#path = path;
    this.#takeover = `${path}.takeover`;
  }

  /** Creates `target` holding `content`, atomically; false when it exists. */
  async #create(target: string, content: string): Promise<boolean> {
    const temporary = `${target}.${process.pid}.${randomUUID()}`;
    await writeFile(temporary, content, { flag: 'wx' });
    try {
      await link(temporary, target);
      return true;
    } catch (error) {
      if (isCode(error, 'EEXIST')) return false;
      throw error;
    } finally {
      await rm(temporary, { force: true });
    }
  }

  async #owner(): Promise<Owner | 'unreadable' | null> {
    let text: string;
    try {
      text = await readFile(this.#path, 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT')) return null;
      throw error;
    }
    try {
      const value = JSON.parse(text) as Partial<Owner>;
      if (typeof value.pid === 'number' && typeof value.host === 'string') return { pid: value.pid, host: value.host, token: String(value.token ?? '') };
    } catch {
      // Only a lock written by something else (or a damaged disk) can be unreadable: link never shows a partial one.
    }
    return 'unreadable';
  }

  #inUse(owner: Owner): StoreError {
    return new StoreError(`The database is in use by process ${owner.pid} on ${owner.host} (lock file ${this.#path}). Close that process first; for several processes at once use the PostgreSQL engine.`, {
      details: { lockFile: this.#path, pid: owner.pid, host: owner.host },
    });
  }

  /** Replaces the stale lock of `stale` with ours, if it is still that lock; true when ours is in place. */
  async #takeOver(stale: Owner, mine: string): Promise<boolean> {
    if (!(await this.#create(this.#takeover, JSON.stringify({ pid: process.pid, host: hostname() })))) {
      const since = await stat(this.#takeover).then((info) => Date.now() - info.mtimeMs, () => 0);
      if (since > ABANDONED_TAKEOVER_MS) await rm(this.#takeover, { force: true });
      return false;
    }
    try {
      const again = await this.#owner();
      if (again === null) return this.#create(this.#path, mine);
      if (again === 'unreadable' || again.token !== stale.token || again.pid !== stale.pid) return false;
      await rm(this.#path, { force: true });
      return this.#create(this.#path, mine);
    } finally {
      await rm(this.#takeover, { force: true });
    }
  }

  async acquire(): Promise<void> {
    await mkdir(dirname(this.#path), { recursive: true });
    const token = randomUUID();
    const mine = JSON.stringify({ pid: process.pid, host: hostname(), token });
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      if (await this.#create(this.#path, mine)) {
        this.#token = token;
        return;
      }
      const owner = await this.#owner();
      if (owner === null) continue; // released between our two steps: try again at once
      if (owner === 'unreadable') {
        throw new StoreError(`The lock file ${this.#path} is not one personavlm wrote. If no process uses the database, delete the file and retry.`, { details: { lockFile: this.#path } });
      }
      if (owner.host !== hostname() || processAlive(owner.pid)) throw this.#inUse(owner);
      if (await this.#takeOver(owner, mine)) {
        this.#token = token;
        return;
      }
      // Another process is taking the same stale lock over: see who won.
      await sleep(RETRY_MS);
    }
    throw new StoreError(`Could not take the lock file ${this.#path}: other processes keep taking and releasing it.`, { details: { lockFile: this.#path } });
  }

  async release(): Promise<void> {
    if (this.#token === null) return;
    const token = this.#token;
    this.#token = null;
    // Only our own lock: after a takeover by mistake (a reused pid), never delete another process's lock.
    const owner = await this.#owner();
    if (owner !== null && owner !== 'unreadable' && owner.token === token) await rm(this.#path, { force: true });
  }
}
