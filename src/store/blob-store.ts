// Where image bytes live. Content-addressed per user (sha256), so a put is idempotent and a blob never changes.
// Adapters: FsBlobStore (a directory) and MemoryBlobStore (an in-memory database needs in-memory blobs).

export interface BlobStore {
  /** Stores bytes under (userId, sha256); storing the same blob twice is a no-op. */
  put(userId: string, sha256: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when no such blob exists. */
  get(userId: string, sha256: string): Promise<Uint8Array | null>;
  /** Removes one blob; a missing one is no error. */
  delete(userId: string, sha256: string): Promise<void>;
  /** The sha256 of every blob of the user. */
  list(userId: string): Promise<string[]>;
  /** Removes every blob of the user; returns how many were removed. */
  deleteUser(userId: string): Promise<number>;
}
