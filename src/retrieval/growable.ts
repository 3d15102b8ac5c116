// Append-only typed arrays that double their capacity: the columns of the ranking views (one number per turn
// or per posting) without a JS object or boxed number per entry.
abstract class Growable<A extends Int32Array | Float64Array | Uint8Array> {
  protected data: A;
  #length = 0;

  constructor(initial: readonly number[] = []) {
    this.data = this.allocate(Math.max(16, initial.length));
    for (const value of initial) this.push(value);
  }

  protected abstract allocate(capacity: number): A;

  get length(): number {
    return this.#length;
  }

  /** The backing array; entries at and past `length` are unused. Read it, do not keep it across pushes. */
  get array(): A {
    return this.data;
  }

  get byteLength(): number {
    return this.data.byteLength;
  }

  push(value: number): void {
    if (this.#length === this.data.length) {
      const bigger = this.allocate(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.#length] = value;
    this.#length += 1;
  }

  /** Gives back the unused capacity (doubling leaves up to half the array empty); the next push grows again. */
  trim(): void {
    if (this.data.length === this.#length) return;
    const exact = this.allocate(Math.max(1, this.#length));
    exact.set(this.data.subarray(0, this.#length));
    this.data = exact;
  }

  /** Takes values as its contents: the array itself, not a copy (the caller gives it up). */
  adopt(values: A): void {
    this.data = values;
    this.#length = values.length;
  }

  get(index: number): number {
    return this.data[index]!;
  }

  set(index: number, value: number): void {
    if (index >= this.#length) throw new RangeError(`index ${index} past length ${this.#length}`);
    this.data[index] = value;
  }

  view(from: number, to: number): A {
    return this.data.subarray(from, to) as A;
  }
}

export class GrowableInt32 extends Growable<Int32Array> {
  protected allocate(capacity: number): Int32Array {
    return new Int32Array(capacity);
  }
}

export class GrowableFloat64 extends Growable<Float64Array> {
  protected allocate(capacity: number): Float64Array {
    return new Float64Array(capacity);
  }
}

export class GrowableUint8 extends Growable<Uint8Array> {
  protected allocate(capacity: number): Uint8Array {
    return new Uint8Array(capacity);
  }
}
