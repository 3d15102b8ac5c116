// Scores of a few documents out of many: a dense array for O(1) adds and a list of the documents touched, so a
// query reads only what it scored (the work follows the posting lists, not the corpus size). One per query.
//
// The list is handed out in ascending document order: ranking loops read several columns per document, and at
// 100k turns reading them in posting-list order (a union of sorted runs) missed the cache on every column; in
// order, the same loops ran about twice as fast. Every reader's result is order-independent (ties break by index).
export class ScoreAccumulator {
  #scores: Float64Array;
  #listed: Uint8Array;
  /** The documents listed, in the order listed; as long as the dense arrays (a document is listed once). */
  #touched: Int32Array;
  #count = 0;
  /** True while #touched[0 … count) is ascending. */
  #ascending = true;

  constructor(size: number) {
    this.#scores = new Float64Array(Math.max(1, size));
    this.#listed = new Uint8Array(Math.max(1, size));
    this.#touched = new Int32Array(Math.max(1, size));
  }

  /** Number of documents listed (scored at least once). */
  get count(): number {
    return this.#count;
  }

  add(doc: number, value: number): void {
    if (doc >= this.#scores.length) this.#grow(doc + 1);
    if (this.#listed[doc] === 0) this.#append(doc);
    this.#scores[doc] = this.#scores[doc]! + value;
  }

  get(doc: number): number {
    return doc < this.#scores.length ? this.#scores[doc]! : 0;
  }

  set(doc: number, value: number): void {
    this.#list(doc);
    this.#scores[doc] = value;
  }

  /** The documents listed so far, ascending (a score may still be 0); valid until the next add or set. */
  docs(): Int32Array {
    if (!this.#ascending) this.#sort();
    return this.#touched.subarray(0, this.#count);
  }

  /** The dense scores (0 where never touched); entries past the corpus size are unused. */
  get dense(): Float64Array {
    return this.#scores;
  }

  /** Forgets every score, in time proportional to the documents listed. */
  reset(): void {
    for (let position = 0; position < this.#count; position += 1) {
      const doc = this.#touched[position]!;
      this.#scores[doc] = 0;
      this.#listed[doc] = 0;
    }
    this.#count = 0;
    this.#ascending = true;
  }

  /** Room for documents 0 … size − 1 without growing. */
  get capacity(): number {
    return this.#scores.length;
  }

  #list(doc: number): void {
    if (doc >= this.#scores.length) this.#grow(doc + 1);
    if (this.#listed[doc] === 0) this.#append(doc);
  }

  #append(doc: number): void {
    this.#listed[doc] = 1;
    if (this.#count > 0 && this.#touched[this.#count - 1]! > doc) this.#ascending = false;
    this.#touched[this.#count] = doc;
    this.#count += 1;
  }

  /** Puts the list in order: a sweep of the listed flags when many are listed, else a numeric sort of the list. */
  #sort(): void {
    const count = this.#count;
    if (count * 16 >= this.#listed.length) {
      const listed = this.#listed;
      let at = 0;
      for (let doc = 0; at < count; doc += 1) if (listed[doc] === 1) this.#touched[at++] = doc;
    } else {
      this.#touched.subarray(0, count).sort();
    }
    this.#ascending = true;
  }

  #grow(size: number): void {
    const length = Math.max(size, this.#scores.length * 2);
    const scores = new Float64Array(length);
    scores.set(this.#scores);
    this.#scores = scores;
    const listed = new Uint8Array(length);
    listed.set(this.#listed);
    this.#listed = listed;
    const touched = new Int32Array(length);
    touched.set(this.#touched.subarray(0, this.#count));
    this.#touched = touched;
  }
}

/**
 * Accumulators reused across queries of one view: a recall takes several, each as large as the corpus, and
 * allocating (and zeroing, and collecting) them per query cost more than scoring at 100k turns.
 */
export class AccumulatorPool {
  readonly #free: ScoreAccumulator[] = [];
  readonly #lent: ScoreAccumulator[] = [];

  acquire(size: number): ScoreAccumulator {
    const found = this.#free.pop();
    const accumulator = found && found.capacity >= size ? found : new ScoreAccumulator(size);
    this.#lent.push(accumulator);
    return accumulator;
  }

  /** Takes back everything lent: the caller holds none of them any more. */
  releaseAll(): void {
    for (const accumulator of this.#lent) {
      accumulator.reset();
      this.#free.push(accumulator);
    }
    this.#lent.length = 0;
  }
}
