import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { BlobStore } from './blob-store.ts';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/**
 * Blobs on disk: <root>/<userId>/<sha256[0..2]>/<sha256>. The two-character fan-out keeps directories small;
 * the user folder makes deleting a user one recursive remove. Callers validate ids (no path separators).
 */
export class FsBlobStore implements BlobStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  #path(userId: string, sha256: string): string {
    return join(this.#root, userId, sha256.slice(0, 2), sha256);
  }

  async put(userId: string, sha256: string, bytes: Uint8Array): Promise<void> {
    const path = this.#path(userId, sha256);
    await mkdir(join(this.#root, userId, sha256.slice(0, 2)), { recursive: true });
    // Write then rename: a crash never leaves a half-written blob under its final name.
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  }

  async get(userId: string, sha256: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.#path(userId, sha256)));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async list(userId: string): Promise<string[]> {
    let prefixes: string[];
    try {
      prefixes = await readdir(join(this.#root, userId));
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const found: string[] = [];
    for (const prefix of prefixes) {
      for (const name of await readdir(join(this.#root, userId, prefix))) found.push(name);
    }
    return found.sort();
  }

  async deleteUser(userId: string): Promise<number> {
    const count = (await this.list(userId)).length;
    await rm(join(this.#root, userId), { recursive: true, force: true });
    return count;
  }
}
