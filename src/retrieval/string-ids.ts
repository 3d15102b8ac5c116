// Distinct strings and their ids (the order they were added): a term dictionary, a turn id's index. An open-
// addressing hash table whose slots are one Int32Array, so a saved view (retrieval/view-snapshot.ts) stores the
// table and a cold process adopts it: a Map of the 265k terms and 100k turn ids of a 100k-turn history took
// ~0.2 s to fill on every load. Hand-written because the point is the table as bytes; a Map cannot be restored
// without inserting every key again.

/** FNV-1a over the UTF-16 code units: part of the snapshot format (a saved table is probed with it). */
export function stringHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}

/** Slots for `count` strings: a power of two at least twice the count (probes stay short). */
const capacityFor = (count: number): number => 2 ** Math.max(4, Math.ceil(Math.log2(Math.max(1, count) * 2)));

export class StringIds {
  #list: string[];
  /** id + 1 per slot, 0 where empty; linear probing from stringHash & mask. */
  #slots: Int32Array;
  #mask: number;

  /** list: distinct strings (adopted, not copied); slots: their table as `slots` gave it, or built here. */
  constructor(list: string[] = [], slots?: Int32Array) {
    this.#list = list;
    if (slots) {
      if (slots.length < 16 || (slots.length & (slots.length - 1)) !== 0 || slots.length < list.length * 2) {
        throw new RangeError(`StringIds: ${slots.length} slots cannot hold ${list.length} strings`);
      }
      this.#slots = slots;
      this.#mask = slots.length - 1;
    } else {
      this.#slots = new Int32Array(capacityFor(list.length));
      this.#mask = this.#slots.length - 1;
      list.forEach((text, id) => {
        if (this.#find(text) >= 0) throw new RangeError(`StringIds: "${text}" is in the list twice`);
        this.#place(text, id);
      });
    }
  }

  get size(): number {
    return this.#list.length;
  }

  /** The strings by id (the table's own: do not change it). */
  get list(): readonly string[] {
    return this.#list;
  }

  /** The hash table (the table's own), to store beside `list` and hand back to the constructor. */
  get slots(): Int32Array {
    return this.#slots;
  }

  at(id: number): string | undefined {
    return this.#list[id];
  }

  get(text: string): number | undefined {
    const id = this.#find(text);
    return id < 0 ? undefined : id;
  }

  /** The id of a string not yet in the table (check with get first). */
  add(text: string): number {
    const id = this.#list.length;
    this.#list.push(text);
    if (this.#list.length * 2 > this.#slots.length) this.#grow();
    else this.#place(text, id);
    return id;
  }

  #find(text: string): number {
    for (let slot = stringHash(text) & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const entry = this.#slots[slot]!;
      if (entry === 0) return -1;
      if (this.#list[entry - 1] === text) return entry - 1;
    }
  }

  #place(text: string, id: number): void {
    let slot = stringHash(text) & this.#mask;
    while (this.#slots[slot] !== 0) slot = (slot + 1) & this.#mask;
    this.#slots[slot] = id + 1;
  }

  #grow(): void {
    this.#slots = new Int32Array(capacityFor(this.#list.length * 2));
    this.#mask = this.#slots.length - 1;
    this.#list.forEach((text, id) => this.#place(text, id));
  }
}
