// persona.turns and persona.images: what the user said and showed, as stored (read-only).
import type { Period, Session, StoredImage, Turn } from '../memory/types.ts';
import type { MemoryStore, TurnQuery } from '../store/memory-store.ts';

export type TurnListQuery = Pick<TurnQuery, 'sessionId' | 'range' | 'role' | 'order' | 'limit' | 'afterSeq' | 'beforeSeq'>;

export interface TurnsApi {
  /** In time order (`order: 'desc'` for newest first); `limit` and `afterSeq`/`beforeSeq` page through them. */
  list(userId: string, query?: TurnListQuery): Promise<Turn[]>;
  get(userId: string, turnIds: string[]): Promise<Turn[]>;
}

export interface SessionsApi {
  /** The user's sessions that overlap the range (all without one), oldest first. */
  list(userId: string, range?: Period): Promise<Session[]>;
}

export interface ImagesApi {
  /** The user's stored images with what the offline analyzers read in them. */
  list(userId: string): Promise<StoredImage[]>;
  get(userId: string, sha256: string): Promise<StoredImage | null>;
  /** The image's bytes (NotFoundError when the user has no such image). */
  bytes(userId: string, sha256: string): Promise<Uint8Array>;
}

export function turnsApi(store: MemoryStore): TurnsApi {
  return {
    list: (userId, query) => store.turns.list(userId, query),
    get: (userId, turnIds) => store.turns.getMany(userId, turnIds),
  };
}

export function sessionsApi(store: MemoryStore): SessionsApi {
  return { list: (userId, range) => store.sessions.list(userId, range) };
}

export function imagesApi(store: MemoryStore): ImagesApi {
  return {
    list: (userId) => store.images.list(userId),
    get: (userId, sha256) => store.images.get(userId, sha256),
    bytes: (userId, sha256) => store.images.readBytes(userId, sha256),
  };
}
