// A per-user in-memory view of the dialogue for ranking: turns in seq order with their session positions,
// rendered lines, token costs and a BM25 index. Why in memory rather than Postgres ts_rank: ts_rank and
// ts_rank_cd have no inverse document frequency and no length normalization, so a common word counts as much
// as a rare name; BM25 needs corpus statistics that Postgres does not keep. The view is built from the store
// and extended incrementally by turn seq, so its cost is paid once per user, not per query.
//
// Laid out in columns (typed arrays, one entry per turn) rather than an object per turn: a user with 100k turns
// must cost well under 1 KB of heap per turn, and ranking reads a few numbers of many turns. Only the rendered
// line and the id are strings; dates and image hashes are kept for the turns that have them.
import type { Turn, Period } from '../memory/types.ts';
import { BM25_DEFAULTS, Bm25Index, type Bm25Options, type Bm25State } from './bm25.ts';
import { AccumulatorPool } from './score-accumulator.ts';
import { GrowableFloat64, GrowableInt32, GrowableUint8 } from './growable.ts';
import { StringIds } from './string-ids.ts';
import { TextList } from './text-list.ts';
import { renderTurnLine } from '../prompts/recall-items.ts';
import { captionsOf, describePhotos } from '../memory/photo-notes.ts';
import { bigrams, lexicalTerms, stem, stemAll } from './terms.ts';
import { countTokensOnce } from './token-count.ts';

/** One turn as packing and recall items read it, made on demand for the few turns chosen. */
export interface TurnRef {
  index: number;
  id: string;
  at: Date;
  sessionOrdinal: number;
  position: number;
  line: string;
  lineTokens: number;
  images: readonly string[];
}

export const ASKS = 1;
const HAS_IMAGE_TEXT = 2;
export const HAS_DATES = 4;

/** The columns ranking loops read, as typed arrays (valid until the next add; entries past `size` unused). */
export interface TurnColumns {
  at: Float64Array;
  session: Int32Array;
  /** Previous and next turn of the same session, −1 at its ends. */
  previous: Int32Array;
  next: Int32Array;
  /** ASKS | HAS_DATES | … */
  flags: Uint8Array;
  /** Speaker ordinal, −1 for none (see speakerMask). */
  speaker: Int32Array;
}
const NO_IMAGES: readonly string[] = Object.freeze([]);

/** The whole view as strings and arrays (retrieval/view-snapshot.ts stores it), so it loads without reading a turn. */
export interface TurnCorpusState {
  lastSeq: number;
  timeOrdered: boolean;
  minLineTokens: number;
  ids: string[];
  /** The ids' hash table (retrieval/string-ids.ts). */
  idSlots: Int32Array;
  /** Rendered lines, decoded only when read (retrieval/text-list.ts). */
  lines: TextList;
  /** Session ids by ordinal. */
  sessionIds: string[];
  speakerKeys: string[];
  at: Float64Array;
  sessionOf: Int32Array;
  position: Int32Array;
  previous: Int32Array;
  next: Int32Array;
  lineTokens: Int32Array;
  flags: Uint8Array;
  speaker: Int32Array;
  dates: [number, number[]][];
  images: [number, string[]][];
  lexical: Bm25State;
}

/** What search reads of a turn's images: enrichment's imageText (OCR, tags, captions), else the captions. */
export function imageTextOf(turn: Turn): string {
  return turn.enrichment?.imageText || captionsOf(turn).join('; ');
}

interface TurnReading {
  line: string;
  lineTokens: number;
  flags: number;
  /** Resolved dates as [from, to) millisecond pairs; empty for most turns. */
  dates: number[];
  /** The BM25 document: the words and image words, then the pairs of each; `words` of them are single words. */
  document: string[];
  words: number;
}

/** What the corpus reads of a turn's words and photos; read again when its enrichment changes. */
function readTurn(turn: Turn): TurnReading {
  const imageText = imageTextOf(turn);
  // What the prompt shows of the photos: each one's caption, text read in it, objects and people (photo-notes.ts).
  const line = renderTurnLine(turn, describePhotos(turn).join('; '));
  const textTerms = turn.enrichment ? stemAll(turn.enrichment.lemmas) : lexicalTerms(turn.text);
  const imageTerms = lexicalTerms(imageText);
  const dates = (turn.enrichment?.dates ?? []).flatMap((date) => [date.from.getTime(), date.to.getTime()]);
  return {
    line,
    lineTokens: countTokensOnce(line),
    flags: (turn.text.includes('?') ? ASKS : 0) | (imageText ? HAS_IMAGE_TEXT : 0) | (dates.length > 0 ? HAS_DATES : 0),
    dates,
    document: [...textTerms, ...imageTerms, ...bigrams(textTerms), ...bigrams(imageTerms)],
    words: textTerms.length + imageTerms.length,
  };
}

export class TurnCorpus {
  readonly lexical: Bm25Index;
  /** Score arrays reused by the queries on this view (retrieval/recall-view.ts releases them after each). */
  readonly scratch = new AccumulatorPool();
  /** Turn indexes of each session, in order; a turn's position is its place in its session's list. */
  readonly sessions: number[][] = [];
  /** Stems of speakers' first and full names to the speaker key. */
  readonly speakerNames = new Map<string, string>();
  /** Highest seq indexed; store seqs start at 1. */
  lastSeq = 0;
  /** False once a turn was said before the one before it in seq order (then time lookups scan). */
  #timeOrdered = true;

  /** Turn ids by index, and the index of an id. */
  #ids = new StringIds();
  #lines = TextList.empty();
  readonly #at = new GrowableFloat64();
  readonly #sessionOf = new GrowableInt32();
  readonly #position = new GrowableInt32();
  readonly #previous = new GrowableInt32();
  readonly #next = new GrowableInt32();
  readonly #lineTokens = new GrowableInt32();
  readonly #flags = new GrowableUint8();
  /** Speaker ordinal per turn (−1: none) into #speakerKeys. */
  readonly #speaker = new GrowableInt32();
  readonly #speakerKeys: string[] = [];
  readonly #speakerOrdinals = new Map<string, number>();
  readonly #dates = new Map<number, number[]>();
  readonly #images = new Map<number, readonly string[]>();
  readonly #sessionOrdinals = new Map<string, number>();
  #minLineTokens = Number.POSITIVE_INFINITY;

  constructor(bm25: Bm25Options = BM25_DEFAULTS, lexical?: Bm25Index) {
    this.lexical = lexical ?? new Bm25Index(bm25);
  }

  /** The view as arrays (compacted first; the arrays are its own: copy before changing it). */
  state(): TurnCorpusState {
    this.compact();
    const column = <A extends Int32Array | Float64Array | Uint8Array>(growable: { view(from: number, to: number): A }): A => growable.view(0, this.size);
    return {
      lastSeq: this.lastSeq,
      timeOrdered: this.#timeOrdered,
      minLineTokens: this.#minLineTokens,
      ids: this.#ids.list as string[],
      idSlots: this.#ids.slots,
      lines: this.#lines,
      sessionIds: [...this.#sessionOrdinals.keys()],
      speakerKeys: this.#speakerKeys,
      at: column(this.#at),
      sessionOf: column(this.#sessionOf),
      position: column(this.#position),
      previous: column(this.#previous),
      next: column(this.#next),
      lineTokens: column(this.#lineTokens),
      flags: column(this.#flags),
      speaker: column(this.#speaker),
      dates: [...this.#dates],
      images: [...this.#images].map(([index, images]) => [index, [...images]]),
      lexical: this.lexical.state(),
    };
  }

  /** A view from a state (state() of a view with the same BM25 options; its arrays become the view's own), ready to rank and to take new turns. */
  static restore(state: TurnCorpusState, bm25: Bm25Options = BM25_DEFAULTS): TurnCorpus {
    const size = state.ids.length;
    const columns = [state.at, state.sessionOf, state.position, state.previous, state.next, state.lineTokens, state.flags, state.speaker];
    if (state.lines.length !== size || columns.some((column) => column.length !== size) || state.lexical.lengths.length !== size) {
      throw new RangeError('TurnCorpus.restore: the columns do not describe one view');
    }
    const corpus = new TurnCorpus(bm25, Bm25Index.restore(state.lexical, bm25));
    corpus.lastSeq = state.lastSeq;
    corpus.#timeOrdered = state.timeOrdered;
    corpus.#minLineTokens = state.minLineTokens;
    // Adopted, with the ids' hash table: nothing is inserted again.
    corpus.#ids = new StringIds(state.ids, state.idSlots);
    corpus.#lines = state.lines;
    corpus.#at.adopt(state.at);
    corpus.#sessionOf.adopt(state.sessionOf);
    corpus.#position.adopt(state.position);
    corpus.#previous.adopt(state.previous);
    corpus.#next.adopt(state.next);
    corpus.#lineTokens.adopt(state.lineTokens);
    corpus.#flags.adopt(state.flags);
    corpus.#speaker.adopt(state.speaker);
    for (const [ordinal, id] of state.sessionIds.entries()) {
      corpus.#sessionOrdinals.set(id, ordinal);
      corpus.sessions.push([]);
    }
    for (let index = 0; index < size; index += 1) {
      const session = corpus.sessions[state.sessionOf[index]!];
      if (!session) throw new RangeError(`TurnCorpus.restore: turn ${index} is in no session`);
      session[state.position[index]!] = index;
    }
    for (const key of state.speakerKeys) corpus.#speakerOrdinal(key);
    for (const [index, dates] of state.dates) corpus.#dates.set(index, dates);
    for (const [index, images] of state.images) corpus.#images.set(index, images);
    return corpus;
  }

  get size(): number {
    return this.#ids.size;
  }

  add(turn: Turn): void {
    if (turn.seq <= this.lastSeq) return;
    this.lastSeq = turn.seq;
    let ordinal = this.#sessionOrdinals.get(turn.sessionId);
    if (ordinal === undefined) {
      ordinal = this.sessions.length;
      this.#sessionOrdinals.set(turn.sessionId, ordinal);
      this.sessions.push([]);
    }
    const index = this.#ids.size;
    const session = this.sessions[ordinal]!;
    const read = readTurn(turn);
    const at = turn.at.getTime();
    if (index > 0 && at < this.#at.get(index - 1)) this.#timeOrdered = false;
    this.#ids.add(turn.id);
    this.#lines.push(read.line);
    this.#at.push(at);
    this.#sessionOf.push(ordinal);
    this.#position.push(session.length);
    const previous = session.length > 0 ? session[session.length - 1]! : -1;
    this.#previous.push(previous);
    this.#next.push(-1);
    if (previous >= 0) this.#next.set(previous, index);
    this.#lineTokens.push(read.lineTokens);
    this.#flags.push(read.flags);
    this.#speaker.push(this.#speakerOrdinal(turn.speaker));
    if (read.dates.length > 0) this.#dates.set(index, read.dates);
    if (turn.images.length > 0) this.#images.set(index, [...turn.images]);
    this.#minLineTokens = Math.min(this.#minLineTokens, read.lineTokens);
    session.push(index);
    this.lexical.add(read.document, read.words);
  }

  /**
   * Re-reads a turn already indexed whose enrichment changed after it was stored (its photos' OCR and objects
   * landed, a person was named): its line, dates and terms, and its BM25 document. Unknown turns are ignored.
   */
  replace(turn: Turn): void {
    const index = this.#ids.get(turn.id);
    if (index === undefined) return;
    const read = readTurn(turn);
    this.#lines.set(index, read.line);
    this.#lineTokens.set(index, read.lineTokens);
    this.#flags.set(index, read.flags);
    if (read.dates.length > 0) this.#dates.set(index, read.dates);
    else this.#dates.delete(index);
    if (turn.images.length > 0) this.#images.set(index, [...turn.images]);
    else this.#images.delete(index);
    this.#minLineTokens = Math.min(this.#minLineTokens, read.lineTokens);
    this.lexical.replace(index, read.document, read.words);
  }

  /** Gives back spare capacity once a long history has been read in (UserViews calls it after a large catch-up). */
  compact(): void {
    for (const column of [this.#at, this.#sessionOf, this.#position, this.#previous, this.#next, this.#lineTokens, this.#flags, this.#speaker]) column.trim();
    this.lexical.compact();
  }

  indexOf(turnId: string): number | undefined {
    return this.#ids.get(turnId);
  }

  /** Milliseconds since the epoch at which the turn was said. */
  atOf(index: number): number {
    return this.#at.get(index);
  }

  /** True while every turn was said no earlier than the one before it (seq order is time order). */
  get timeOrdered(): boolean {
    return this.#timeOrdered;
  }

  sessionOf(index: number): number {
    return this.#sessionOf.get(index);
  }

  lineOf(index: number): string {
    return this.#lines.get(index);
  }

  lineTokensOf(index: number): number {
    return this.#lineTokens.get(index);
  }

  /** The fewest tokens any turn's line costs: a budget with less left than this cannot take another turn. */
  get minLineTokens(): number {
    return this.#minLineTokens;
  }

  asks(index: number): boolean {
    return (this.#flags.get(index) & ASKS) !== 0;
  }

  /** Has photos or text read from them. */
  hasImages(index: number): boolean {
    return this.#images.has(index) || (this.#flags.get(index) & HAS_IMAGE_TEXT) !== 0;
  }

  imagesOf(index: number): readonly string[] {
    return this.#images.get(index) ?? NO_IMAGES;
  }

  /** Turns that carry stored images, with their hashes. */
  withImages(): IterableIterator<[number, readonly string[]]> {
    return this.#images.entries();
  }

  /** Resolved dates of the turn as [from, to) millisecond pairs. */
  datesOf(index: number): readonly number[] {
    return this.#dates.get(index) ?? [];
  }

  /** Turns whose text names a date, in no particular order. */
  datedTurns(): IterableIterator<number> {
    return this.#dates.keys();
  }

  /** Per speaker ordinal: does the set hold that speaker's key (for a query's named speakers). */
  speakerMask(keys: ReadonlySet<string>): Uint8Array {
    return Uint8Array.from(this.#speakerKeys, (key) => (keys.has(key) ? 1 : 0));
  }

  /** The turn before (delta −1) or after (+1) in its session, or undefined. */
  neighbour(index: number, delta: number): number | undefined {
    if (delta === -1 || delta === 1) {
      const found = (delta === -1 ? this.#previous : this.#next).get(index);
      return found < 0 ? undefined : found;
    }
    return this.sessions[this.#sessionOf.get(index)]![this.#position.get(index) + delta];
  }

  columns(): TurnColumns {
    return { at: this.#at.array, session: this.#sessionOf.array, previous: this.#previous.array, next: this.#next.array, flags: this.#flags.array, speaker: this.#speaker.array };
  }

  /** Said in the range, or names a date that overlaps it ([from, to); null: open). */
  inRange(index: number, range: Period): boolean {
    const from = range.from?.getTime() ?? Number.NEGATIVE_INFINITY;
    const to = range.to?.getTime() ?? Number.POSITIVE_INFINITY;
    const at = this.#at.get(index);
    if (at >= from && at < to) return true;
    const dates = this.#dates.get(index);
    if (!dates) return false;
    for (let p = 0; p < dates.length; p += 2) if (dates[p]! < to && dates[p + 1]! > from) return true;
    return false;
  }

  ref(index: number): TurnRef {
    return {
      index,
      id: this.#ids.at(index)!,
      at: new Date(this.#at.get(index)),
      sessionOrdinal: this.#sessionOf.get(index),
      position: this.#position.get(index),
      line: this.#lines.get(index),
      lineTokens: this.#lineTokens.get(index),
      images: this.imagesOf(index),
    };
  }

  #speakerOrdinal(speaker: string | null): number {
    if (!speaker) return -1;
    const key = speaker.toLowerCase();
    let ordinal = this.#speakerOrdinals.get(key);
    if (ordinal === undefined) {
      ordinal = this.#speakerKeys.length;
      this.#speakerOrdinals.set(key, ordinal);
      this.#speakerKeys.push(key);
      // Keyed by stem, the form query terms take.
      this.speakerNames.set(stem(key), key);
      const first = key.split(/\s+/)[0];
      if (first) this.speakerNames.set(stem(first), key);
    }
    return ordinal;
  }
}
