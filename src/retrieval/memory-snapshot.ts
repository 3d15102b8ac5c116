// A user's memory view as bytes, saved right after a build from scratch (what a full read gave it, at one memory
// stamp), so a cold process restores it and reads only the memories written since (MemoryRepository.changes)
// instead of all of them: ~0.65 s for 10k memories on PGlite, and ~0.15 s more to index them again.
// MemoryCorpus.restore numbers, indexes and ties it exactly as that build did.
//
// JSON: one positional array per memory (dates as epoch milliseconds), the items' token counts, and the lexical
// index's typed arrays as base64 (its term list as strings). JSON.parse is the fastest reader Node has for the
// memories; the arrays decode in one pass each.
import type { ImageRegion, Memory, MemoryStatus, MemoryType } from '../memory/types.ts';
import type { Bm25State } from './bm25.ts';
import { MemoryCorpus } from './memory-corpus.ts';

/** Bumped whenever the layout or what it holds changes: an older snapshot is then ignored and read again. */
export const MEMORY_SNAPSHOT_FORMAT = 2;

type Encoded = [
  id: string, type: MemoryType, key: string | null, content: string, keywords: string[], detail: Record<string, unknown>,
  sourceTurnIds: string[], sourceRegions: ImageRegion[], eventFrom: number | null, eventTo: number | null, validFrom: number,
  validTo: number | null, status: MemoryStatus, supersededBy: string | null, supersededByTurnId: string | null,
  embeddingModel: string | null, embeddingDimensions: number | null, createdAt: number, updatedAt: number,
];

const ARRAYS = {
  termSlots: Int32Array, wordIds: Int32Array, df: Int32Array, forward: Int32Array, starts: Float64Array, words: Int32Array, lengths: Int32Array,
  postStarts: Int32Array, postDocs: Int32Array, postTf: Uint16Array,
} as const;
type ArrayName = keyof typeof ARRAYS;

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

const base64 = (array: ArrayBufferView): string => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

function typed<Name extends ArrayName>(name: Name, text: unknown): InstanceType<(typeof ARRAYS)[Name]> {
  if (typeof text !== 'string') throw new Error(`no ${name} array`);
  // A copy of its own, so the typed array starts at an aligned offset (Buffer.from may return a slice of its pool).
  const bytes = Uint8Array.from(Buffer.from(text, 'base64'));
  const Kind = ARRAYS[name];
  if (bytes.byteLength % Kind.BYTES_PER_ELEMENT !== 0) throw new Error(`the ${name} array is cut`);
  return new Kind(bytes.buffer) as InstanceType<(typeof ARRAYS)[Name]>;
}

/** A view built from scratch and not changed since, as bytes. */
export function encodeMemorySnapshot(corpus: MemoryCorpus, key: string): Uint8Array {
  const saved = corpus.saved();
  const { terms, totalLength, ...arrays } = saved.lexical;
  return new TextEncoder().encode(JSON.stringify({
    format: MEMORY_SNAPSHOT_FORMAT,
    key,
    memories: saved.memories.map(encodeMemory),
    tokens: saved.tokens,
    superseded: saved.superseded.map(encodeMemory),
    lexical: { terms, totalLength, ...Object.fromEntries(Object.entries(arrays).map(([name, array]) => [name, base64(array)])) },
  }));
}

/** The view, when it was saved under `key`; null when under another key; throws when the bytes are not one. */
export function decodeMemorySnapshot(data: Uint8Array, key: string, userId: string, timeZone: string): MemoryCorpus | null {
  const parsed = JSON.parse(new TextDecoder().decode(data)) as { format?: unknown; key?: unknown; memories?: unknown; tokens?: unknown; superseded?: unknown; lexical?: Record<string, unknown> };
  if (parsed.format !== MEMORY_SNAPSHOT_FORMAT || parsed.key !== key) return null;
  const { memories, tokens, superseded, lexical } = parsed;
  if (!Array.isArray(memories) || !Array.isArray(tokens) || !Array.isArray(superseded) || !lexical || !Array.isArray(lexical.terms) || typeof lexical.totalLength !== 'number') {
    throw new Error('not a memory snapshot');
  }
  const state = { terms: lexical.terms as string[], totalLength: lexical.totalLength } as Bm25State;
  for (const name of Object.keys(ARRAYS) as ArrayName[]) (state as unknown as Record<string, unknown>)[name] = typed(name, lexical[name]);
  return MemoryCorpus.restore(
    { memories: (memories as Encoded[]).map((memory) => decodeMemory(userId, memory)), tokens: tokens as number[], lexical: state },
    timeZone,
    (superseded as Encoded[]).map((memory) => decodeMemory(userId, memory)),
  );
}
