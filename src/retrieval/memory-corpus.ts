// The user's live memories (semantic, episodic, procedural) as BM25 documents over content + keywords, kept up to
// date change by change: every memory row carries the memory stamp of its last write, so a view that saw stamp S
// reads only the rows written after it (store: MemoryRepository.changes) and adds, re-indexes or removes those
// documents. Removed documents keep their number and leave the statistics (Bm25Index.remove), and ties rank in
// one order computed here from the memories themselves, never from document numbers, so a view kept up to date
// ranks exactly as one built from scratch (tested: memory-corpus.test.ts). What a build derives from each memory
// (its terms: the NLP model and the stemmer; its item's tokens: the tokenizer) is stored with the memory the first
// time (store: MemoryIndexEntry) and read by every later build, in this process or the next, with the same key.
import { UTC } from '../memory/time-zone.ts';
import type { Memory, MemoryType } from '../memory/types.ts';
import { outdatedNotes } from '../memory/outdated.ts';
import { liveVersion, staleTurnsOf, type Replacement } from './currency.ts';
import { Bm25Index, type Bm25State } from './bm25.ts';
import { renderMemory } from '../prompts/recall-items.ts';
import { lexicalTerms } from './terms.ts';
import { countTokens } from './token-count.ts';
import { topByScore } from './top-k.ts';
import type { TurnCorpus } from './turn-corpus.ts';
import type { DerivedIndexEntry, MemoryChanges, MemoryIndexEntry } from '../store/memory-store.ts';

/**
 * Names what a build derives and how: raise the version whenever the terms (lemmatiser, stemmer, which text) or the
 * rendered item (renderMemory, the tokenizer) change, so stored entries of the old derivation are derived again.
 */
const INDEX_ENTRY_VERSION = 1;

/** The key of entries derived for a view in this time zone (the rendered item's dates are in it). */
export const indexEntryKey = (timeZone: string): string => `v${INDEX_ENTRY_VERSION} ${timeZone}`;

/** The text a memory is indexed by: its content, then its keywords. */
export const indexedText = (memory: Pick<Memory, 'content' | 'keywords'>): string => `${memory.content} ${memory.keywords.join(' ')}`;

/** Removed documents past which a view is built again instead of kept up to date (their slots cost every query). */
const MAX_REMOVED = (live: number): number => Math.max(256, live >> 2);

export interface IndexedMemory {
  memory: Memory;
  text: string;
  tokens: number;
}

/**
 * The order ties rank in: by when the memory is about (else said), then key (none last), content and id, compared
 * as JavaScript strings, so a view kept up to date and one built from scratch agree without asking the database.
 */
export function compareMemories(a: Memory, b: Memory): number {
  const at = (a.eventTime?.from ?? a.validFrom).getTime() - (b.eventTime?.from ?? b.validFrom).getTime();
  if (at !== 0) return at;
  if (a.key !== b.key) {
    if (a.key === null) return 1;
    if (b.key === null) return -1;
    return a.key < b.key ? -1 : 1;
  }
  if (a.content !== b.content) return a.content < b.content ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export class MemoryCorpus {
  /** By document number (the lexical index's); null where a memory left (superseded, retired or forgotten). */
  readonly memories: (IndexedMemory | null)[] = [];
  #lexical = new Bm25Index();
  /** Id of a memory in the view → its document number (vector hits, lifts). */
  readonly indexById = new Map<string, number>();
  /** Outdated memories (memory/outdated.ts) → document numbers of the active memories that replaced what they state. */
  outdated = new Map<number, number[]>();
  /** Turn id → what replaced the old facts that turn stated (from superseded semantic memories). */
  staleTurns = new Map<string, Replacement[]>();
  /** The entries the last build or update derived (none with its key was stored): the view stores them. */
  derived: DerivedIndexEntry[] = [];
  readonly #timeZone: string;
  readonly #key: string;
  /** The superseded semantic memories (which turns state old facts), by id. */
  readonly #superseded = new Map<string, Memory>();
  /** The stamp of the state each changed memory is held in (none: as the full read found it), so an older read never overwrites it. */
  readonly #stamps = new Map<string, number>();
  /** Live document numbers in tie order (compareMemories), and each one's position there. */
  #order: number[] = [];
  #rank = new Int32Array(0);
  /** Per document: its source turns' indexes in #sourcesOf, once every one of them was found there. */
  #sources: (Int32Array | undefined)[] = [];
  #sourcesOf: TurnCorpus | null = null;

  /**
   * memories: the active ones; superseded: the user's superseded semantic memories, to know which turns state old
   * facts. stored: index entries by memory id, as stored with them; those with another key, and the missing, are
   * derived here and listed in `derived`.
   */
  constructor(memories: readonly Memory[], timeZone: string = UTC, superseded: readonly Memory[] = [], stored: ReadonlyMap<string, MemoryIndexEntry> = new Map()) {
    this.#timeZone = timeZone;
    this.#key = indexEntryKey(timeZone);
    for (const memory of [...memories].sort(compareMemories)) this.#add(memory, stored.get(memory.id) ?? null);
    this.lexical.seal();
    for (const memory of superseded) this.#superseded.set(memory.id, memory);
    this.#order = this.memories.map((_, doc) => doc);
    this.#settle();
  }

  get lexical(): Bm25Index {
    return this.#lexical;
  }

  /**
   * A view as saved right after a build from scratch (retrieval/memory-snapshot.ts): its memories in document order
   * with their items' tokens, and its lexical index's arrays. Numbered, indexed and tied exactly as that build.
   */
  static restore(saved: { memories: readonly Memory[]; tokens: readonly number[]; lexical: Bm25State }, timeZone: string, superseded: readonly Memory[]): MemoryCorpus {
    if (saved.tokens.length !== saved.memories.length || saved.lexical.lengths.length !== saved.memories.length) {
      throw new RangeError('MemoryCorpus.restore: the memories, their tokens and the index do not match');
    }
    const corpus = new MemoryCorpus([], timeZone, superseded);
    corpus.#lexical = Bm25Index.restore(saved.lexical);
    saved.memories.forEach((memory, doc) => {
      corpus.memories[doc] = { memory, text: renderMemory(memory, timeZone), tokens: saved.tokens[doc]! };
      corpus.indexById.set(memory.id, doc);
    });
    corpus.#order = saved.memories.map((_, doc) => doc);
    corpus.#settle();
    return corpus;
  }

  /** What restore takes, from a view built from scratch and not changed since (numbered in tie order, none removed). */
  saved(): { memories: Memory[]; tokens: number[]; lexical: Bm25State; superseded: Memory[] } {
    const memories = this.memories.map((entry) => {
      if (!entry) throw new RangeError('MemoryCorpus.saved: a view that was changed since its build is not saved');
      return entry;
    });
    if (this.#order.some((doc, rank) => doc !== rank)) throw new RangeError('MemoryCorpus.saved: a view that was changed since its build is not saved');
    return {
      memories: memories.map((entry) => entry.memory),
      tokens: memories.map((entry) => entry.tokens),
      lexical: this.#lexical.state(),
      superseded: [...this.#superseded.values()],
    };
  }

  /** Memories in the view. */
  get size(): number {
    return this.indexById.size;
  }

  /** Live document numbers in tie order. */
  inOrder(): readonly number[] {
    return this.#order;
  }

  /**
   * Brings the view up to the changes read from the store (MemoryRepository.changes over the indexed types, after
   * the stamp the view was read under). False when it cannot: the counts read with the changes say a memory was
   * deleted (forgotten ones leave no row), or so many left that the view should be built again; the view is then
   * unusable and the caller builds a new one.
   */
  apply(changes: MemoryChanges): boolean {
    this.derived = [];
    const moved = new Set<number>();
    for (const { memory, indexEntry, stamp } of changes.changed) {
      if ((this.#stamps.get(memory.id) ?? -1) > stamp) continue;
      this.#stamps.set(memory.id, stamp);
      const doc = this.indexById.get(memory.id);
      if (memory.status === 'active') {
        if (doc === undefined) moved.add(this.#add(memory, indexEntry));
        else {
          this.#replace(doc, memory, indexEntry);
          moved.add(doc);
        }
      } else if (doc !== undefined) {
        this.lexical.remove(doc);
        this.memories[doc] = null;
        this.indexById.delete(memory.id);
        moved.add(doc);
      }
      if (memory.type === 'semantic' && memory.status === 'superseded') this.#superseded.set(memory.id, memory);
      else this.#superseded.delete(memory.id);
    }
    const counted = (status: string, type?: MemoryType): number =>
      changes.counts.reduce((sum, count) => sum + (count.status === status && (type === undefined || count.type === type) ? count.count : 0), 0);
    if (counted('active') !== this.size || counted('superseded', 'semantic') !== this.#superseded.size) return false;
    if (this.memories.length - this.size > MAX_REMOVED(this.size)) return false;
    if (moved.size === 0) return true;
    const order = this.#order.filter((doc) => !moved.has(doc));
    for (const doc of moved) {
      const entry = this.memories[doc];
      if (!entry) continue;
      let low = 0;
      let high = order.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (compareMemories(this.memories[order[middle]!]!.memory, entry.memory) < 0) low = middle + 1;
        else high = middle;
      }
      order.splice(low, 0, doc);
    }
    this.#order = order;
    this.#settle();
    return true;
  }

  /**
   * The `limit` best of `candidates` (document numbers) by `scores`, ties in tie order (compareMemories): what a
   * view built from scratch, whose documents are numbered in that order, gives.
   */
  top(candidates: readonly number[], scores: Float64Array, limit: number): number[] {
    const byRank = new Float64Array(this.#order.length);
    const ranks = candidates.map((doc) => {
      const rank = this.#rank[doc]!;
      byRank[rank] = scores[doc]!;
      return rank;
    });
    return topByScore(ranks, byRank, limit).map((rank) => this.#order[rank]!);
  }

  /**
   * The indexes of memory `index`'s source turns in a turn view. Resolved once
   * per memory and view: a recall lends every matching memory's score to its turns, and looking up thousands of
   * turn ids per query cost a millisecond at 100k turns. A memory whose turns are not all in the view yet (a
   * view still catching up) is looked up again next time.
   */
  sourceTurnIndexes(index: number, turns: TurnCorpus): Int32Array {
    if (this.#sourcesOf !== turns) {
      this.#sources = [];
      this.#sourcesOf = turns;
    }
    const known = this.#sources[index];
    if (known) return known;
    const ids = this.memories[index]?.memory.sourceTurnIds ?? [];
    const found: number[] = [];
    for (const id of ids) {
      const turn = turns.indexOf(id);
      if (turn !== undefined) found.push(turn);
    }
    const indexes = Int32Array.from(found);
    if (found.length === ids.length) this.#sources[index] = indexes;
    return indexes;
  }

  /** The memory's terms and item: the stored entry when it has this view's key, else derived (and listed in `derived`). */
  #entry(memory: Memory, stored: MemoryIndexEntry | null): { text: string; entry: MemoryIndexEntry } {
    const text = renderMemory(memory, this.#timeZone);
    let entry = stored;
    if (entry?.key !== this.#key) {
      entry = { key: this.#key, terms: lexicalTerms(indexedText(memory)), tokens: countTokens(text) };
      this.derived.push({ id: memory.id, updatedAt: memory.updatedAt, entry });
    }
    return { text, entry };
  }

  #add(memory: Memory, stored: MemoryIndexEntry | null): number {
    const { text, entry } = this.#entry(memory, stored);
    const doc = this.lexical.add(entry.terms);
    this.memories[doc] = { memory, text, tokens: entry.tokens };
    this.indexById.set(memory.id, doc);
    return doc;
  }

  #replace(doc: number, memory: Memory, stored: MemoryIndexEntry | null): void {
    const { text, entry } = this.#entry(memory, stored);
    this.lexical.replace(doc, entry.terms);
    this.memories[doc] = { memory, text, tokens: entry.tokens };
    this.#sources[doc] = undefined;
  }

  /** Tie ranks, and the currency marks (stale turns, outdated memories), from the memories as they are now. */
  #settle(): void {
    this.#rank = new Int32Array(this.memories.length);
    this.#order.forEach((doc, rank) => {
      this.#rank[doc] = rank;
    });
    const active = new Map<string, Memory>();
    for (const doc of this.#order) active.set(this.memories[doc]!.memory.id, this.memories[doc]!.memory);
    const superseded = [...this.#superseded.values()].sort(compareMemories);
    this.staleTurns = staleTurnsOf(superseded, active);
    const versions = this.#superseded;
    this.outdated = new Map();
    for (const doc of this.#order) {
      const currents = outdatedNotes(this.memories[doc]!.memory).flatMap((note) => liveVersion(note.currentId, (id) => this.indexById.get(id), versions) ?? []);
      if (currents.length > 0) this.outdated.set(doc, [...new Set(currents)]);
    }
  }
}
