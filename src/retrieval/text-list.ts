// A list of texts that may live as UTF-8 bytes until read: the turn view's rendered lines. A saved view holds
// ~135 bytes of line per turn (13 MB at 100k turns) of which a recall reads the few dozen it packs; decoding them
// all made 100k strings (27 MB of UTF-16) and their garbage on every cold start (~0.1 s of a CLI recall at 100k).
// Lines added or re-read since are kept as strings beside the bytes.

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export class TextList {
  /** The encoded texts (the first `#encodedCount` entries) and the end offset of each in `#bytes`. */
  readonly #bytes: Uint8Array;
  readonly #ends: Int32Array;
  readonly #encodedCount: number;
  /** Texts set since (a re-read turn) by index, and texts pushed after the encoded ones. */
  readonly #replaced = new Map<number, string>();
  readonly #added: string[] = [];

  private constructor(bytes: Uint8Array, ends: Int32Array) {
    this.#bytes = bytes;
    this.#ends = ends;
    this.#encodedCount = ends.length;
  }

  static empty(): TextList {
    return new TextList(new Uint8Array(0), new Int32Array(0));
  }

  /**
   * Texts from their UTF-8 bytes and the end offset of each (the list takes both; nothing is decoded until read).
   * Throws when the ends do not step through the bytes.
   */
  static fromUtf8(bytes: Uint8Array, ends: Int32Array): TextList {
    let previous = 0;
    for (let index = 0; index < ends.length; index += 1) {
      if (ends[index]! < previous) throw new RangeError(`TextList.fromUtf8: text ${index} ends before it starts`);
      previous = ends[index]!;
    }
    if (previous !== bytes.byteLength) throw new RangeError(`TextList.fromUtf8: the texts cover ${previous} of ${bytes.byteLength} bytes`);
    return new TextList(bytes, ends);
  }

  get length(): number {
    return this.#encodedCount + this.#added.length;
  }

  get(index: number): string {
    if (index >= this.#encodedCount) {
      const text = this.#added[index - this.#encodedCount];
      if (text === undefined) throw new RangeError(`TextList.get: no text ${index} of ${this.length}`);
      return text;
    }
    if (index < 0) throw new RangeError(`TextList.get: no text ${index} of ${this.length}`);
    return this.#replaced.get(index) ?? decoder.decode(this.#bytes.subarray(index === 0 ? 0 : this.#ends[index - 1]!, this.#ends[index]!));
  }

  set(index: number, text: string): void {
    if (index >= this.#encodedCount) {
      if (index - this.#encodedCount >= this.#added.length) throw new RangeError(`TextList.set: no text ${index} of ${this.length}`);
      this.#added[index - this.#encodedCount] = text;
    } else if (index >= 0) this.#replaced.set(index, text);
    else throw new RangeError(`TextList.set: no text ${index} of ${this.length}`);
  }

  push(text: string): void {
    this.#added.push(text);
  }

  /** All texts as UTF-8 and the end of each: the bytes held when nothing changed since, else encoded again. */
  utf8(): { bytes: Uint8Array; ends: Int32Array } {
    if (this.#replaced.size === 0 && this.#added.length === 0) return { bytes: this.#bytes, ends: this.#ends };
    const parts: Uint8Array[] = [];
    const ends = new Int32Array(this.length);
    let total = 0;
    for (let index = 0; index < ends.length; index += 1) {
      const part = index < this.#encodedCount && !this.#replaced.has(index)
        ? this.#bytes.subarray(index === 0 ? 0 : this.#ends[index - 1]!, this.#ends[index]!)
        : encoder.encode(this.get(index));
      parts.push(part);
      total += part.byteLength;
      ends[index] = total;
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.byteLength;
    }
    return { bytes, ends };
  }
}
