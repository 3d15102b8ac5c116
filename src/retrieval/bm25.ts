// Okapi BM25 over documents added one by one, laid out for scale: a term dictionary, a forward index (each
// document's term ids) and posting lists in typed arrays. Postings are sealed into one compact CSR block (doc
// ids and term frequencies per term, contiguous) and new or re-read documents go to a small tail that is folded
// in once it grows past a share of the block, so adding stays amortized linear and a query walks only the
// posting lists of its own terms. Statistics (df, lengths) are kept incrementally and IDF is computed at query
// time. Hand-written because no maintained npm library offers an incremental BM25 with re-indexable documents
// and typed-array postings (wink-bm25-text-search and friends rebuild on every change and hold objects per posting).
import { GrowableFloat64, GrowableInt32 } from './growable.ts';
import { StringIds } from './string-ids.ts';
import { RETRIEVAL_TUNING } from './tuning.ts';
import type { ScoreAccumulator } from './score-accumulator.ts';

export interface Bm25Options {
  k1: number;
  b: number;
}

/** A sealed index as plain arrays (retrieval/view-snapshot.ts stores it): what `restore` needs to answer at once. */
export interface Bm25State {
  terms: string[];
  /** The dictionary's hash table (retrieval/string-ids.ts) over `terms`. */
  termSlots: Int32Array;
  wordIds: Int32Array;
  df: Int32Array;
  forward: Int32Array;
  starts: Float64Array;
  words: Int32Array;
  lengths: Int32Array;
  postStarts: Int32Array;
  postDocs: Int32Array;
  postTf: Uint16Array;
  totalLength: number;
}

export const BM25_DEFAULTS: Bm25Options = RETRIEVAL_TUNING.bm25;

/** Tail postings are folded into the sealed block once they cover this many documents and a quarter of the block. */
const MIN_TAIL_DOCS = 2048;
const TF_LIMIT = 0xffff;

export class Bm25Index {
  readonly #options: Bm25Options;
  /** Term ids: the dictionary, in the order terms were first seen. */
  #termIds = new StringIds();
  /** Ids of the single-word terms (no space), for typo tolerance without walking the word pairs. */
  readonly #wordIds = new GrowableInt32();
  /** Distinct documents per term id. */
  readonly #df = new GrowableInt32();
  /** Forward index: document d's term ids are #forward[#starts[d] .. #starts[d + 1]); words come before pairs. */
  #forward = new GrowableInt32();
  #starts = new GrowableFloat64([0]);
  /** Single-word terms at the head of each document's slice (the rest are word pairs). */
  readonly #words = new GrowableInt32();
  readonly #lengths = new GrowableInt32();
  /** Re-read documents: their current terms (the forward slice is stale until the next seal). */
  readonly #overrides = new Map<number, { terms: Int32Array; words: number }>();
  /** Sealed CSR postings: term t's documents are #postDocs[#postStarts[t] .. #postStarts[t + 1]). */
  #postStarts: Int32Array = new Int32Array(1);
  #postDocs: Int32Array = new Int32Array(0);
  #postTf: Uint16Array = new Uint16Array(0);
  #sealedDocs = 0;
  /** Documents whose sealed postings are stale (re-read since the seal): skipped there, found in the tail. */
  #stale = new Uint8Array(0);
  /** Tail postings per term id: doc * 65536 + tf. */
  #tail: (number[] | undefined)[] = [];
  #tailDocs = 0;
  #totalLength = 0;
  /** Removed documents: they keep their number, hold no terms and no longer count in the statistics. */
  #removed = 0;

  constructor(options: Bm25Options = BM25_DEFAULTS) {
    this.#options = options;
  }

  /** Document numbers given so far (removed documents included): the length of a score array over the index. */
  get size(): number {
    return this.#lengths.length;
  }

  /** Documents that count: added and not removed (the N of IDF, the denominator of the average length). */
  get documents(): number {
    return this.#lengths.length - this.#removed;
  }

  /** Adds a document and returns its number (0, 1, …). `words` of the terms (the first ones) are single words. */
  add(terms: readonly string[], words: number = terms.length): number {
    const doc = this.#lengths.length;
    const ids = this.#intern(terms);
    for (const id of ids) this.#forward.push(id);
    this.#starts.push(this.#forward.length);
    this.#words.push(words);
    this.#lengths.push(ids.length);
    this.#totalLength += ids.length;
    this.#index(doc, ids, +1);
    this.#tailDocs += 1;
    this.#maybeSeal();
    return doc;
  }

  /** Re-indexes document `doc`: its old terms out, its new terms in. */
  replace(doc: number, terms: readonly string[], words: number = terms.length): void {
    if (doc < 0 || doc >= this.size) throw new RangeError(`no document ${doc}`);
    const ids = this.#intern(terms);
    const old = this.#termsOf(doc);
    if (doc < this.#sealedDocs && this.#stale[doc] === 0) {
      this.#stale[doc] = 1;
      for (const id of new Set(old)) this.#df.set(id, this.#df.get(id) - 1);
    } else {
      this.#index(doc, old, -1);
    }
    this.#overrides.set(doc, { terms: ids, words });
    this.#totalLength += ids.length - this.#lengths.get(doc);
    this.#lengths.set(doc, ids.length);
    this.#index(doc, ids, +1);
    this.#tailDocs += 1;
    this.#maybeSeal();
  }

  /**
   * Takes document `doc` out: it keeps its number (later documents keep theirs) but holds no terms and no longer
   * counts, so every score is what an index built without it gives. A removed document is not replaced again.
   */
  remove(doc: number): void {
    this.replace(doc, []);
    this.#removed += 1;
  }

  /** Single-word terms indexed so far (word pairs left out), for typo tolerance. */
  *words(): IterableIterator<string> {
    for (let position = 0; position < this.#wordIds.length; position += 1) {
      const id = this.#wordIds.get(position);
      if (this.#df.get(id) > 0) yield this.#termIds.at(id)!;
    }
  }

  /** The single-word terms of a document, repeats included. */
  wordsOf(doc: number): string[] {
    const override = this.#overrides.get(doc);
    const ids = override ? override.terms.subarray(0, override.words) : this.#forward.view(this.#starts.get(doc), this.#starts.get(doc) + this.#words.get(doc));
    return Array.from(ids, (id) => this.#termIds.at(id)!);
  }

  /** Documents containing the term. */
  documentFrequency(term: string): number {
    const id = this.#termIds.get(term);
    return id === undefined ? 0 : this.#df.get(id);
  }

  idf(term: string): number {
    const df = this.documentFrequency(term);
    return Math.log(1 + (this.documents - df + 0.5) / (df + 0.5));
  }

  /**
   * Adds, over the query's terms in order, weight × idf × saturated tf to each document that holds the term
   * (each distinct term counts once; its weight may say more). Work is the length of the terms' posting lists.
   */
  score(query: ReadonlyMap<string, number>, into: ScoreAccumulator): void {
    const { k1, b } = this.#options;
    const documents = this.documents;
    const averageLength = documents === 0 ? 1 : this.#totalLength / documents || 1;
    const lengths = this.#lengths.array;
    const postDocs = this.#postDocs;
    const postTf = this.#postTf;
    const stale = this.#stale;
    for (const [term, weight] of query) {
      const id = this.#termIds.get(term);
      if (id === undefined || this.#df.get(id) === 0) continue;
      const gain = weight * this.idf(term);
      // weight × idf × tf (k1 + 1) / (tf + k1 (1 − b + b · len / avg)), in this order (results must not move by a bit).
      if (id + 1 < this.#postStarts.length) {
        const end = this.#postStarts[id + 1]!;
        for (let p = this.#postStarts[id]!; p < end; p += 1) {
          const doc = postDocs[p]!;
          if (stale[doc] !== 0) continue;
          const tf = postTf[p]!;
          into.add(doc, gain * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * lengths[doc]!) / averageLength))));
        }
      }
      const tail = this.#tail[id];
      if (tail) {
        for (const entry of tail) {
          const doc = Math.floor(entry / 65536);
          const tf = entry % 65536;
          into.add(doc, gain * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * lengths[doc]!) / averageLength))));
        }
      }
    }
  }

  #intern(terms: readonly string[]): Int32Array {
    const ids = new Int32Array(terms.length);
    terms.forEach((term, position) => {
      let id = this.#termIds.get(term);
      if (id === undefined) {
        id = this.#termIds.add(term);
        this.#df.push(0);
        if (!term.includes(' ')) this.#wordIds.push(id);
      }
      ids[position] = id;
    });
    return ids;
  }

  #termsOf(doc: number): Int32Array {
    return this.#overrides.get(doc)?.terms ?? this.#forward.view(this.#starts.get(doc), this.#starts.get(doc + 1));
  }

  /** Adds (+1) or removes (−1) a document's tail postings and document frequencies. */
  #index(doc: number, ids: Int32Array, sign: 1 | -1): void {
    const counts = new Map<number, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const [id, tf] of counts) {
      this.#df.set(id, this.#df.get(id) + sign);
      if (sign > 0) {
        let list = this.#tail[id];
        if (!list) this.#tail[id] = list = [];
        list.push(doc * 65536 + Math.min(tf, TF_LIMIT));
      } else {
        const list = this.#tail[id];
        const at = list?.findIndex((entry) => Math.floor(entry / 65536) === doc) ?? -1;
        if (at >= 0) list!.splice(at, 1);
      }
    }
  }

  #maybeSeal(): void {
    if (this.#tailDocs >= MIN_TAIL_DOCS && this.#tailDocs * 4 >= this.#sealedDocs) this.seal();
  }

  /** Folds the tail and the re-read documents into one compact block (done on its own as documents come). */
  seal(): void {
    const docs = this.size;
    const termCount = this.#termIds.size;
    // The forward index, rewritten with the re-read documents' current terms.
    if (this.#overrides.size > 0) {
      const forward = new GrowableInt32();
      const starts = new GrowableFloat64([0]);
      for (let doc = 0; doc < docs; doc += 1) {
        for (const id of this.#termsOf(doc)) forward.push(id);
        starts.push(forward.length);
        const override = this.#overrides.get(doc);
        if (override) this.#words.set(doc, override.words);
      }
      this.#forward = forward;
      this.#starts = starts;
      this.#overrides.clear();
    }
    const postStarts = new Int32Array(termCount + 1);
    for (let id = 0; id < termCount; id += 1) postStarts[id + 1] = postStarts[id]! + this.#df.get(id);
    const total = postStarts[termCount]!;
    const postDocs = new Int32Array(total);
    const postTf = new Uint16Array(total);
    const cursor = postStarts.slice(0, termCount);
    const lastDoc = new Int32Array(termCount).fill(-1);
    const lastAt = new Int32Array(termCount);
    const forward = this.#forward.array;
    for (let doc = 0; doc < docs; doc += 1) {
      const end = this.#starts.get(doc + 1);
      for (let p = this.#starts.get(doc); p < end; p += 1) {
        const id = forward[p]!;
        if (lastDoc[id] === doc) {
          const at = lastAt[id]!;
          if (postTf[at]! < TF_LIMIT) postTf[at] = postTf[at]! + 1;
          continue;
        }
        lastDoc[id] = doc;
        const at = cursor[id]!;
        cursor[id] = at + 1;
        lastAt[id] = at;
        postDocs[at] = doc;
        postTf[at] = 1;
      }
    }
    this.#postStarts = postStarts;
    this.#postDocs = postDocs;
    this.#postTf = postTf;
    this.#sealedDocs = docs;
    this.#stale = new Uint8Array(Math.max(1024, docs * 2));
    this.#tail = [];
    this.#tailDocs = 0;
  }

  /** Seals and gives back the arrays' spare capacity: for a view that has caught up with a long history. */
  compact(): void {
    if (this.#tailDocs > 0 || this.#overrides.size > 0) this.seal();
    for (const column of [this.#forward, this.#starts, this.#words, this.#lengths, this.#df, this.#wordIds]) column.trim();
    this.#stale = this.#stale.slice(0, Math.max(1, this.#sealedDocs));
  }

  /** The index sealed, as arrays (views of its own: copy before changing it). */
  state(): Bm25State {
    // The state has no place for removed documents (turn views, the only saved ones, never remove any).
    if (this.#removed > 0) throw new RangeError('Bm25Index.state: an index with removed documents is not saved');
    this.compact();
    return {
      terms: this.#termIds.list as string[],
      termSlots: this.#termIds.slots,
      wordIds: this.#wordIds.view(0, this.#wordIds.length),
      df: this.#df.view(0, this.#df.length),
      forward: this.#forward.view(0, this.#forward.length),
      starts: this.#starts.view(0, this.#starts.length),
      words: this.#words.view(0, this.#words.length),
      lengths: this.#lengths.view(0, this.#lengths.length),
      postStarts: this.#postStarts,
      postDocs: this.#postDocs,
      postTf: this.#postTf,
      totalLength: this.#totalLength,
    };
  }

  /** An index from a state (state() of an index with the same options; its arrays become the index's own): no document is read again. */
  static restore(state: Bm25State, options: Bm25Options = BM25_DEFAULTS): Bm25Index {
    const index = new Bm25Index(options);
    const docs = state.lengths.length;
    if (state.starts.length !== docs + 1 || state.words.length !== docs || state.df.length !== state.terms.length || state.postStarts.length !== state.terms.length + 1) {
      throw new RangeError('Bm25Index.restore: the arrays do not describe one index');
    }
    // The dictionary's hash table comes with the state: nothing is inserted again.
    index.#termIds = new StringIds(state.terms, state.termSlots);
    index.#wordIds.adopt(state.wordIds);
    index.#df.adopt(state.df);
    index.#forward.adopt(state.forward);
    index.#starts.adopt(state.starts);
    index.#words.adopt(state.words);
    index.#lengths.adopt(state.lengths);
    index.#postStarts = state.postStarts;
    index.#postDocs = state.postDocs;
    index.#postTf = state.postTf;
    index.#sealedDocs = docs;
    index.#stale = new Uint8Array(Math.max(1, docs));
    index.#totalLength = state.totalLength;
    return index;
  }

  /** Bytes held by the index's arrays (strings and the dictionary's entries not counted). */
  get arrayBytes(): number {
    return this.#forward.byteLength + this.#starts.byteLength + this.#words.byteLength + this.#lengths.byteLength + this.#df.byteLength
      + this.#postStarts.byteLength + this.#postDocs.byteLength + this.#postTf.byteLength + this.#stale.byteLength;
  }
}
