// The user's live memories (semantic, episodic, procedural) as BM25 documents over content + keywords.
// Memories change in place (edits, supersession), which an append-only index cannot follow, so the view is
// rebuilt whenever the store's stamp (count and newest updatedAt) differs; a user holds hundreds of memories, not millions.
import { UTC } from '../memory/time-zone.ts';
import type { Memory } from '../memory/types.ts';
import { outdatedNotes } from '../memory/outdated.ts';
import { liveVersion, staleTurnsOf, type Replacement } from './currency.ts';
import { Bm25Index } from './bm25.ts';
import { renderMemory } from '../prompts/recall-items.ts';
import { lexicalTerms } from './terms.ts';
import { countTokens } from './token-count.ts';

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

  /** superseded: the user's superseded semantic memories, to know which turns state old facts. */
  constructor(memories: readonly Memory[], timeZone: string = UTC, superseded: readonly Memory[] = []) {
    this.memories = memories.map((memory) => {
      const text = renderMemory(memory, timeZone);
      return { memory, text, tokens: countTokens(text) };
    });
    this.memories.forEach((entry, index) => {
      this.indexById.set(entry.memory.id, index);
      this.lexical.add(lexicalTerms(`${entry.memory.content} ${entry.memory.keywords.join(' ')}`));
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
}
