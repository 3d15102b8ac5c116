// A user's turn view as bytes, so a process that starts cold (the CLI, a restarted server) loads the ranking view
// of a long history instead of reading every turn and indexing it again: at 100k turns, reading the turns took
// 5 s and stemming, counting tokens and indexing them 7 s, where decoding this takes well under a second.
//
// Layout: "PVRV", a little-endian u32 header length, the header (JSON: format, the caller's key, the scalars, the
// sections), then each section 8-byte aligned. A list of strings is one UTF-8 section of them all plus an i32
// section of their UTF-16 lengths, so any text survives and decoding slices one string; the rendered lines stay
// UTF-8 (their bytes and an i32 section of each one's end) and are decoded one by one when read
// (retrieval/text-list.ts). Sections are views of the bytes when those are 8-byte aligned (a file read is), copies
// otherwise: the view takes the bytes it is decoded from. Hand-written because
// what it stores is this module's own arrays; a general serializer (v8.serialize, msgpack) would copy every
// typed array and hold an object per string, which is what the view exists to avoid.
import type { Bm25Options } from './bm25.ts';
import { TextList } from './text-list.ts';
import { TurnCorpus, type TurnCorpusState } from './turn-corpus.ts';

/** Bumped whenever the layout or what the view holds changes: an older snapshot is then ignored and rebuilt. */
export const VIEW_SNAPSHOT_FORMAT = 3;

const MAGIC = 0x56525650; // "PVRV" little-endian

type Kind = 'i32' | 'f64' | 'u8' | 'u16' | 'utf8' | 'bytes';
type Typed = Int32Array | Float64Array | Uint8Array | Uint16Array;

interface Section {
  name: string;
  kind: Kind;
  bytes: number;
}

/** The scalars and the few dates and images of the state; minLineTokens −1 for none (Infinity is not JSON). */
interface Header extends Pick<TurnCorpusState, 'lastSeq' | 'timeOrdered' | 'minLineTokens' | 'dates' | 'images'> {
  format: number;
  key: string;
  totalLength: number;
  sections: Section[];
}

const STRING_LISTS = ['ids', 'sessionIds', 'speakerKeys', 'terms'] as const;
const COLUMNS = {
  idSlots: 'i32', at: 'f64', sessionOf: 'i32', position: 'i32', previous: 'i32', next: 'i32', lineTokens: 'i32', flags: 'u8', speaker: 'i32',
} as const;
const LEXICAL = {
  termSlots: 'i32', wordIds: 'i32', df: 'i32', forward: 'i32', starts: 'f64', words: 'i32', lengths: 'i32', postStarts: 'i32', postDocs: 'i32', postTf: 'u16',
} as const;

const align = (offset: number): number => (offset + 7) & ~7;

/** The view and the key it was built under (the caller's: which user state it reflects), as bytes. */
export function encodeView(corpus: TurnCorpus, key: string): Uint8Array {
  const state = corpus.state();
  const parts: { name: string; kind: Kind; data: Uint8Array }[] = [];
  const encoder = new TextEncoder();
  const lists: Record<(typeof STRING_LISTS)[number], string[]> = {
    ids: state.ids, sessionIds: state.sessionIds, speakerKeys: state.speakerKeys, terms: state.lexical.terms,
  };
  for (const name of STRING_LISTS) {
    const list = lists[name];
    parts.push({ name: `${name}.lengths`, kind: 'i32', data: bytesOf(Int32Array.from(list, (text) => text.length)) });
    parts.push({ name, kind: 'utf8', data: encoder.encode(list.join('')) });
  }
  const lines = state.lines.utf8();
  parts.push({ name: 'lines.ends', kind: 'i32', data: bytesOf(lines.ends) });
  parts.push({ name: 'lines', kind: 'bytes', data: lines.bytes });
  for (const [name, kind] of Object.entries(COLUMNS)) parts.push({ name, kind, data: bytesOf(state[name as keyof typeof COLUMNS]) });
  for (const [name, kind] of Object.entries(LEXICAL)) parts.push({ name: `lexical.${name}`, kind, data: bytesOf(state.lexical[name as keyof typeof LEXICAL]) });
  const header: Header = {
    format: VIEW_SNAPSHOT_FORMAT,
    key,
    lastSeq: state.lastSeq,
    timeOrdered: state.timeOrdered,
    minLineTokens: Number.isFinite(state.minLineTokens) ? state.minLineTokens : -1,
    totalLength: state.lexical.totalLength,
    dates: state.dates,
    images: state.images,
    sections: parts.map(({ name, kind, data }) => ({ name, kind, bytes: data.byteLength })),
  };
  const headerBytes = encoder.encode(JSON.stringify(header));
  let size = align(8 + headerBytes.byteLength);
  for (const part of parts) size = align(size + part.data.byteLength);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, headerBytes.byteLength, true);
  out.set(headerBytes, 8);
  let offset = align(8 + headerBytes.byteLength);
  for (const part of parts) {
    out.set(part.data, offset);
    offset = align(offset + part.data.byteLength);
  }
  return out;
}

/** The key a snapshot was written under, without decoding the rest (null: not a snapshot of this format). */
export function snapshotKey(bytes: Uint8Array): string | null {
  const header = readHeader(bytes);
  return header?.format === VIEW_SNAPSHOT_FORMAT ? header.key : null;
}

/**
 * The view in a snapshot; throws when the bytes are not a whole snapshot of this format. The view takes the bytes:
 * its arrays are views of them where aligned, so the caller must not change or reuse them.
 */
export function decodeView(bytes: Uint8Array, bm25: Bm25Options): TurnCorpus {
  const header = readHeader(bytes);
  if (!header || header.format !== VIEW_SNAPSHOT_FORMAT) throw new RangeError('decodeView: not a recall view snapshot of this format');
  const sections = new Map<string, Typed | string | { bytes: Uint8Array }>();
  const decoder = new TextDecoder();
  const aligned = (bytes.byteOffset & 7) === 0;
  let offset = align(8 + new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(4, true));
  for (const section of header.sections) {
    if (offset + section.bytes > bytes.byteLength) throw new RangeError(`decodeView: section ${section.name} runs past the end`);
    // A view of the input where it is aligned (sections start at multiples of 8), else a copy that is.
    const raw = aligned ? bytes.subarray(offset, offset + section.bytes) : bytes.slice(offset, offset + section.bytes);
    sections.set(section.name, section.kind === 'utf8' ? decoder.decode(raw) : section.kind === 'bytes' ? { bytes: raw } : typedOf(section.kind, raw));
    offset = align(offset + section.bytes);
  }
  const typed = <T extends Typed>(name: string): T => {
    const found = sections.get(name);
    if (found === undefined || typeof found === 'string' || !ArrayBuffer.isView(found)) throw new RangeError(`decodeView: no section ${name}`);
    return found as T;
  };
  const lines = sections.get('lines');
  if (lines === undefined || typeof lines === 'string' || ArrayBuffer.isView(lines)) throw new RangeError('decodeView: no section lines');
  const strings = (name: string): string[] => {
    const text = sections.get(name);
    if (typeof text !== 'string') throw new RangeError(`decodeView: no section ${name}`);
    const lengths = typed<Int32Array>(`${name}.lengths`);
    const list = new Array<string>(lengths.length);
    let at = 0;
    for (let index = 0; index < lengths.length; index += 1) {
      list[index] = text.slice(at, at + lengths[index]!);
      at += lengths[index]!;
    }
    if (at !== text.length) throw new RangeError(`decodeView: the lengths of ${name} do not add up`);
    return list;
  };
  const state: TurnCorpusState = {
    lastSeq: header.lastSeq,
    timeOrdered: header.timeOrdered,
    minLineTokens: header.minLineTokens < 0 ? Number.POSITIVE_INFINITY : header.minLineTokens,
    ids: strings('ids'),
    lines: TextList.fromUtf8(lines.bytes, typed('lines.ends')),
    sessionIds: strings('sessionIds'),
    speakerKeys: strings('speakerKeys'),
    idSlots: typed('idSlots'),
    at: typed('at'),
    sessionOf: typed('sessionOf'),
    position: typed('position'),
    previous: typed('previous'),
    next: typed('next'),
    lineTokens: typed('lineTokens'),
    flags: typed('flags'),
    speaker: typed('speaker'),
    dates: header.dates,
    images: header.images,
    lexical: {
      terms: strings('terms'),
      termSlots: typed('lexical.termSlots'),
      wordIds: typed('lexical.wordIds'),
      df: typed('lexical.df'),
      forward: typed('lexical.forward'),
      starts: typed('lexical.starts'),
      words: typed('lexical.words'),
      lengths: typed('lexical.lengths'),
      postStarts: typed('lexical.postStarts'),
      postDocs: typed('lexical.postDocs'),
      postTf: typed('lexical.postTf'),
      totalLength: header.totalLength,
    },
  };
  return TurnCorpus.restore(state, bm25);
}

function readHeader(bytes: Uint8Array): Header | null {
  if (bytes.byteLength < 8) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) return null;
  const length = view.getUint32(4, true);
  if (8 + length > bytes.byteLength) return null;
  try {
    return JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Header;
  } catch {
    return null;
  }
}

function bytesOf(array: Typed): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

function typedOf(kind: Exclude<Kind, 'utf8' | 'bytes'>, raw: Uint8Array): Typed {
  const at = raw.byteOffset;
  switch (kind) {
    case 'i32':
      return new Int32Array(raw.buffer, at, raw.byteLength / 4);
    case 'f64':
      return new Float64Array(raw.buffer, at, raw.byteLength / 8);
    case 'u8':
      return raw;
    case 'u16':
      return new Uint16Array(raw.buffer, at, raw.byteLength / 2);
  }
}
