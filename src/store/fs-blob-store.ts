import { mkdir, open, readdir, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { BlobStore } from './blob-store.ts';

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

const PLAIN = /[a-z0-9_-]/;

/**
 * The folder name of a user id. Ids are case-sensitive ("Alice" and "alice" are two users), but macOS and Windows
 * file systems are not, and Windows refuses ':' in names: every character outside [a-z0-9_-] is written as %XX
 * (uppercase hex of its UTF-8 bytes), so distinct ids give names that differ even when case is ignored.
 */
export function userFolderName(userId: string): string {
  let name = '';
  for (const character of userId) {
    if (PLAIN.test(character)) name += character;
    else for (const byte of Buffer.from(character, 'utf8')) name += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return name;
}

/**
 * Blobs on disk: <root>/<user folder>/<sha256[0..2]>/<sha256>. The two-character fan-out keeps directories small;
 * the user folder makes deleting a user one recursive remove. Folders written by earlier versions under the raw
 * id (no '%', which ids cannot contain) are renamed to their encoded name once, before the first operation.
 */
export class FsBlobStore implements BlobStore {
  readonly #root: string;
  #migrated: Promise<void> | null = null;

  constructor(root: string) {
    this.#root = root;
  }

  #ready(): Promise<void> {
    this.#migrated ??= this.#renameLegacyFolders();
    return this.#migrated;
  }

  async #renameLegacyFolders(): Promise<void> {
    let entries: string[];
    try {
      entries = await readdir(this.#root);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const encoded = userFolderName(entry);
      if (entry.includes('%') || encoded === entry) continue;
      try {
        await rename(join(this.#root, entry), join(this.#root, encoded));
      } catch (error) {
        // Another process renamed it first (ENOENT) or already wrote the encoded folder: merge into it.
        if (errorCode(error) === 'ENOENT') continue;
        if (errorCode(error) !== 'ENOTEMPTY' && errorCode(error) !== 'EEXIST') throw error;
        await this.#merge(join(this.#root, entry), join(this.#root, encoded));
      }
    }
  }

  async #merge(from: string, to: string): Promise<void> {
    for (const prefix of await readdir(from)) {
      await mkdir(join(to, prefix), { recursive: true });
      for (const name of await readdir(join(from, prefix))) await rename(join(from, prefix, name), join(to, prefix, name));
    }
    await rm(from, { recursive: true, force: true });
  }

  #folder(userId: string): string {
    return join(this.#root, userFolderName(userId));
  }

  async put(userId: string, sha256: string, bytes: Uint8Array): Promise<void> {
    await this.#ready();
    const directory = join(this.#folder(userId), sha256.slice(0, 2));
    await mkdir(directory, { recursive: true });
    // Write then rename: a crash never leaves a half-written blob under its final name.
    const path = join(directory, sha256);
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  }

  async get(userId: string, sha256: string): Promise<Uint8Array | null> {
    await this.#ready();
    let file: FileHandle;
    try {
      file = await open(join(this.#folder(userId), sha256.slice(0, 2), sha256), 'r');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
    // Read whole, in as few reads as the OS allows: readFile reads 512 KiB at a time, each next read waiting for
    // the event loop, so a 50 MB saved recall view barely moved while the database answered queries on the main
    // thread; one read runs beside them. Into its own buffer, handed out as is (no second copy).
    try {
      const { size } = await file.stat();
      const bytes = new Uint8Array(size);
      let filled = 0;
      while (filled < size) {
        const { bytesRead } = await file.read(bytes, filled, size - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return filled === size ? bytes : bytes.slice(0, filled);
    } finally {
      await file.close();
    }
  }

  async delete(userId: string, sha256: string): Promise<void> {
    await this.#ready();
    await rm(join(this.#folder(userId), sha256.slice(0, 2), sha256), { force: true });
  }

  async list(userId: string): Promise<string[]> {
    await this.#ready();
    let prefixes: string[];
    try {
      prefixes = await readdir(this.#folder(userId));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
    const found: string[] = [];
    for (const prefix of prefixes) {
      for (const name of await readdir(join(this.#folder(userId), prefix))) if (!name.endsWith('.tmp')) found.push(name);
    }
    return found.sort();
  }

  async deleteUser(userId: string): Promise<number> {
    const count = (await this.list(userId)).length;
    await rm(this.#folder(userId), { recursive: true, force: true });
    return count;
  }
}
