// The user's live memories (semantic, episodic, procedural) as BM25 documents over content + keywords.
// Memories change in place (edits, supersession), which an append-only index cannot follow, so the view is
// rebuilt whenever the user's memory stamp moves. What a build derives from each memory (its terms: the NLP model
// and the stemmer; its item's tokens: the tokenizer; most of a rebuild) is stored with the memory the first time
// (store: MemoryIndexEntry) and read by every later build, in this process or the next, with the same key.
import { UTC } from '../memory/time-zone.ts';
import type { Memory } from '../memory/types.ts';
import { outdatedNotes } from '../memory/outdated.ts';
import { liveVersion, staleTurnsOf, type Replacement } from './currency.ts';
import { Bm25Index } from './bm25.ts';
import { renderMemory } from '../prompts/recall-items.ts';
import { lexicalTerms } from './terms.ts';
import { countTokens } from './token-count.ts';
import type { TurnCorpus } from './turn-corpus.ts';
import type { DerivedIndexEntry, MemoryIndexEntry } from '../store/memory-store.ts';

/**
 * Names what a build derives and how: raise the version whenever the terms (lemmatiser, stemmer, which text) or the
 * rendered item (renderMemory, the tokenizer) change, so stored entries of the old derivation are derived again.
 */
const INDEX_ENTRY_VERSION = 1;

/** The key of entries derived for a view in this time zone (the rendered item's dates are in it). */
export const indexEntryKey = (timeZone: string): string => `v${INDEX_ENTRY_VERSION} ${timeZone}`;

/** The text a memory is indexed by: its content, then its keywords. */
export const indexedText = (memory: Pick<Memory, 'content' | 'keywords'>): string => `${memory.content} ${memory.keywords.join(' ')}`;

export interface IndexedMemory {
  memory: Memory;
  text: string;
  tokens: number;
}

export class MemoryCorpus {
  readonly memories: IndexedMemory[];
  readonly lexical = new Bm25Index();
  /** Memory id → its index in `memories`, for vector hits (built once here, not on every recall). */
  readonly indexById = new Map<string, number>();
  /** Outdated memories (memory/outdated.ts) → indices of the active memories that replaced what they state. */
  readonly outdated = new Map<number, number[]>();
  /** Turn id → what replaced the old facts that turn stated (from superseded semantic memories). */
  readonly staleTurns: Map<string, Replacement[]>;
  /** Per memory: its source turns' indexes in #sourcesOf, once every one of them was found there. */
  #sources: (Int32Array | undefined)[] = [];
  #sourcesOf: TurnCorpus | null = null;
  /** The entries this build derived (none with its key was stored): the view stores them for the next build. */
  readonly derived: DerivedIndexEntry[] = [];

  /**
   * superseded: the user's superseded semantic memories, to know which turns state old facts. stored: index
   * entries by memory id, as stored with them; those with another key, and the missing, are derived here and
   * listed in `derived`.
   */
  constructor(memories: readonly Memory[], timeZone: string = UTC, superseded: readonly Memory[] = [], stored: ReadonlyMap<string, MemoryIndexEntry> = new Map()) {
    const key = indexEntryKey(timeZone);
    this.memories = memories.map((memory, index) => {
      this.indexById.set(memory.id, index);
      const text = renderMemory(memory, timeZone);
      let entry = stored.get(memory.id);
      if (entry?.key !== key) {
        entry = { key, terms: lexicalTerms(indexedText(memory)), tokens: countTokens(text) };
        this.derived.push({ id: memory.id, updatedAt: memory.updatedAt, entry });
      }
      this.lexical.add(entry.terms);
      return { memory, text, tokens: entry.tokens };
    });
    this.lexical.seal();
    const active = new Map(memories.map((memory) => [memory.id, memory]));
    this.staleTurns = staleTurnsOf(superseded, active);
    const versions = new Map(superseded.map((memory) => [memory.id, memory]));
    this.memories.forEach((entry, index) => {
      const currents = outdatedNotes(entry.memory).flatMap((note) => liveVersion(note.currentId, (id) => this.indexById.get(id), versions) ?? []);
      if (currents.length > 0) this.outdated.set(index, [...new Set(currents)]);
    });
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
    const ids = this.memories[index]!.memory.sourceTurnIds;
    const found: number[] = [];
    for (const id of ids) {
      const turn = turns.indexOf(id);
      if (turn !== undefined) found.push(turn);
    }
    const indexes = Int32Array.from(found);
    if (found.length === ids.length) this.#sources[index] = indexes;
    return indexes;
  }
}
