// What callers hand in to be remembered: one image type and one turn type for every entry point (recordTurn,
// chat, the REST API, imported histories), so a field added to one reaches them all.
import type { Role } from './types.ts';

/** An image attached to a turn: its bytes when the pixels are there, else a description of it. */
export interface ImageInput {
  bytes?: Uint8Array;
  /** Where the image was read from, for messages and provenance. */
  path?: string;
  /** A description to use when the pixels are not available (LoCoMo's BLIP captions). */
  caption?: string;
}

/** One turn to store. */
export interface TurnInput {
  userId: string;
  role: Role;
  text: string;
  images?: ImageInput[];
  at: Date;
  speaker?: string | null;
  /** The client's own id of the turn: a retry with the same id returns the stored turn instead of a copy. */
  externalId?: string | null;
  metadata?: Record<string, unknown>;
  signal?: AbortSignal;
}
