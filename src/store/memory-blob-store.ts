import type { BlobStore } from './blob-store.ts';

/** Blobs in a Map, for an in-memory database (tests, throwaway runs). */
export class MemoryBlobStore implements BlobStore {
  readonly #users = new Map<string, Map<string, Uint8Array>>();

  async put(userId: string, sha256: string, bytes: Uint8Array): Promise<void> {
    let blobs = this.#users.get(userId);
    if (!blobs) this.#users.set(userId, (blobs = new Map()));
    if (!blobs.has(sha256)) blobs.set(sha256, new Uint8Array(bytes));
  }

  async get(userId: string, sha256: string): Promise<Uint8Array | null> {
    const bytes = this.#users.get(userId)?.get(sha256);
    return bytes ? new Uint8Array(bytes) : null;
  }

  async delete(userId: string, sha256: string): Promise<void> {
    this.#users.get(userId)?.delete(sha256);
  }

  async list(userId: string): Promise<string[]> {
    return [...(this.#users.get(userId)?.keys() ?? [])].sort();
  }

  async deleteUser(userId: string): Promise<number> {
    const count = this.#users.get(userId)?.size ?? 0;
    this.#users.delete(userId);
    return count;
  }
}
