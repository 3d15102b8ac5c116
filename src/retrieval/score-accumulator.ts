// Scores of a few documents out of many: a dense array for O(1) adds and a list of the documents touched, so a
// query reads only what it scored (the work follows the posting lists, not the corpus size). One per query.
export class ScoreAccumulator {
  #scores: Float64Array;
  #listed: Uint8Array;
  #touched = new Int32Array(16);
  #count = 0;

  constructor(size: number) {
    this.#scores = new Float64Array(Math.max(1, size));
    this.#listed = new Uint8Array(Math.max(1, size));
  }

  /** Number of documents listed (scored at least once). */
  get count(): number {
    return this.#count;
  }

  add(doc: number, value: number): void {
    this.#list(doc);
    this.#scores[doc] = this.#scores[doc]! + value;
  }

  get(doc: number): number {
    return doc < this.#scores.length ? this.#scores[doc]! : 0;
  }

  set(doc: number, value: number): void {
    this.#list(doc);
    this.#scores[doc] = value;
  }

  /** The documents listed so far, in the order they were first touched (a score may still be 0). */
  docs(): Int32Array {
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
  }

  /** Room for documents 0 … size − 1 without growing. */
  get capacity(): number {
    return this.#scores.length;
  }

  #list(doc: number): void {
    if (doc >= this.#scores.length) this.#grow(doc + 1);
    if (this.#listed[doc] === 1) return;
    this.#listed[doc] = 1;
    if (this.#count === this.#touched.length) {
      const bigger = new Int32Array(this.#touched.length * 2);
      bigger.set(this.#touched);
      this.#touched = bigger;
    }
    this.#touched[this.#count] = doc;
    this.#count += 1;
  }

  #grow(size: number): void {
    const length = Math.max(size, this.#scores.length * 2);
    const scores = new Float64Array(length);
    scores.set(this.#scores);
    this.#scores = scores;
    const listed = new Uint8Array(length);
    listed.set(this.#listed);
    this.#listed = listed;
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
