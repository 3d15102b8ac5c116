// A user's memory view as bytes: what a full read gives the view (the indexed memories with their index entries,
// the superseded semantic ones) at one memory stamp, so a cold process loads it and reads only the memories
// written since (MemoryRepository.changes) instead of all of them: ~0.65 s for 10k memories on PGlite. The view is
// then built from it exactly as from the read (MemoryCorpus's constructor), so it ranks as a fresh one.
//
// JSON, one positional array per memory (dates as epoch milliseconds): the view's own fields, nothing more, and
// JSON.parse is the fastest reader Node has for them (a structured-clone format would hold an object per string
// just the same).
import type { ImageRegion, Memory, MemoryStatus, MemoryType } from '../memory/types.ts';
import type { MemoryIndexEntry } from '../store/memory-store.ts';

/** Bumped whenever the layout or what it holds changes: an older snapshot is then ignored and read again. */
export const MEMORY_SNAPSHOT_FORMAT = 1;

/** What readMemoryCorpus reads, and the entries the build derived for memories that had none. */
export interface MemorySnapshot {
  active: { memory: Memory; indexEntry: MemoryIndexEntry | null }[];
  superseded: Memory[];
}

type Encoded = [
  id: string, type: MemoryType, key: string | null, content: string, keywords: string[], detail: Record<string, unknown>,
  sourceTurnIds: string[], sourceRegions: ImageRegion[], eventFrom: number | null, eventTo: number | null, validFrom: number,
  validTo: number | null, status: MemoryStatus, supersededBy: string | null, supersededByTurnId: string | null,
  embeddingModel: string | null, embeddingDimensions: number | null, createdAt: number, updatedAt: number,
];

const time = (date: Date | null): number | null => (date === null ? null : date.getTime());
const date = (value: number | null): Date | null => (value === null ? null : new Date(value));

function encodeMemory(m: Memory): Encoded {
  return [
    m.id, m.type, m.key, m.content, m.keywords, m.detail, m.sourceTurnIds, m.sourceRegions, time(m.eventTime?.from ?? null), time(m.eventTime?.to ?? null),
    m.validFrom.getTime(), time(m.validTo), m.status, m.supersededBy, m.supersededByTurnId, m.embeddingModel, m.embeddingDimensions, m.createdAt.getTime(), m.updatedAt.getTime(),
  ];
}

function decodeMemory(userId: string, e: Encoded): Memory {
  if (!Array.isArray(e) || e.length !== 19 || typeof e[0] !== 'string' || typeof e[3] !== 'string') throw new Error('not a memory row');
  const eventFrom = date(e[8]);
  const eventTo = date(e[9]);
  return {
    userId, id: e[0], type: e[1], key: e[2], content: e[3], keywords: e[4], detail: e[5], sourceTurnIds: e[6], sourceRegions: e[7],
    eventTime: eventFrom === null && eventTo === null ? null : { from: eventFrom, to: eventTo },
    validFrom: new Date(e[10]), validTo: date(e[11]), status: e[12], supersededBy: e[13], supersededByTurnId: e[14],
    embeddingModel: e[15], embeddingDimensions: e[16], createdAt: new Date(e[17]), updatedAt: new Date(e[18]),
  };
}

export function encodeMemorySnapshot(snapshot: MemorySnapshot, key: string): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({
    format: MEMORY_SNAPSHOT_FORMAT,
    key,
    active: snapshot.active.map(({ memory, indexEntry }) => [encodeMemory(memory), indexEntry]),
    superseded: snapshot.superseded.map(encodeMemory),
  }));
}

/** The snapshot, when it was saved under `key`; null when another key; throws when the bytes are not one. */
export function decodeMemorySnapshot(data: Uint8Array, key: string, userId: string): MemorySnapshot | null {
  const parsed = JSON.parse(new TextDecoder().decode(data)) as { format?: unknown; key?: unknown; active?: unknown; superseded?: unknown };
  if (parsed.format !== MEMORY_SNAPSHOT_FORMAT || parsed.key !== key) return null;
  if (!Array.isArray(parsed.active) || !Array.isArray(parsed.superseded)) throw new Error('not a memory snapshot');
  return {
    active: (parsed.active as [Encoded, MemoryIndexEntry | null][]).map(([memory, indexEntry]) => ({ memory: decodeMemory(userId, memory), indexEntry })),
    superseded: (parsed.superseded as Encoded[]).map((memory) => decodeMemory(userId, memory)),
  };
}
