// Okapi BM25 over documents added one by one. Statistics (df, average length) are kept incrementally, and
// IDF is computed at query time, so adding turns never requires a rebuild.
export interface Bm25Options {
  k1: number;
  b: number;
}

export const BM25_DEFAULTS: Bm25Options = { k1: 1.2, b: 0.75 };

export class Bm25Index<Id> {
  readonly #options: Bm25Options;
  readonly #postings = new Map<string, Map<number, number>>();
  readonly #lengths: number[] = [];
  readonly #ids: Id[] = [];
  #totalLength = 0;

  constructor(options: Bm25Options = BM25_DEFAULTS) {
    this.#options = options;
  }

  get size(): number {
    return this.#ids.length;
  }

  add(id: Id, terms: readonly string[]): void {
    const doc = this.#ids.length;
    this.#ids.push(id);
    this.#lengths.push(terms.length);
    this.#totalLength += terms.length;
    for (const term of terms) {
      let posting = this.#postings.get(term);
      if (!posting) this.#postings.set(term, (posting = new Map()));
      posting.set(doc, (posting.get(doc) ?? 0) + 1);
    }
  }

  /** Re-indexes document `doc` (as returned by its add order): its old terms out, its new terms in. */
  replace(doc: number, oldTerms: readonly string[], newTerms: readonly string[]): void {
    for (const term of oldTerms) {
      const posting = this.#postings.get(term);
      const tf = posting?.get(doc);
      if (!posting || tf === undefined) continue;
      if (tf > 1) posting.set(doc, tf - 1);
      else posting.delete(doc);
      if (posting.size === 0) this.#postings.delete(term);
    }
    this.#totalLength += newTerms.length - this.#lengths[doc]!;
    this.#lengths[doc] = newTerms.length;
    for (const term of newTerms) {
      let posting = this.#postings.get(term);
      if (!posting) this.#postings.set(term, (posting = new Map()));
      posting.set(doc, (posting.get(doc) ?? 0) + 1);
    }
  }

  /** Every term indexed so far. */
  vocabulary(): IterableIterator<string> {
    return this.#postings.keys();
  }

  /** Documents containing the term. */
  documentFrequency(term: string): number {
    return this.#postings.get(term)?.size ?? 0;
  }

  idf(term: string): number {
    const df = this.documentFrequency(term);
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** Sum over query terms of weight × idf × saturated tf; each distinct term counts once (its weight may say more). */
  score(query: ReadonlyMap<string, number>): Map<Id, number> {
    const { k1, b } = this.#options;
    const averageLength = this.size === 0 ? 1 : this.#totalLength / this.size || 1;
    const scores = new Map<Id, number>();
    for (const [term, weight] of query) {
      const posting = this.#postings.get(term);
      if (!posting) continue;
      const idf = this.idf(term);
      for (const [doc, tf] of posting) {
        const norm = tf + k1 * (1 - b + (b * this.#lengths[doc]!) / averageLength);
        const id = this.#ids[doc]!;
        scores.set(id, (scores.get(id) ?? 0) + weight * idf * ((tf * (k1 + 1)) / norm));
      }
    }
    return scores;
  }
}
