// Which recalled things state a fact that has since changed, and what replaced it. Superseded knowledge must
// never outrank what superseded it: an outdated episode (memory/outdated.ts) and a turn an old fact came from are
// ranked lower and marked in their text, and the current memory that replaced them is lifted above them and packed
// ahead of them.
import type { Memory } from '../memory/types.ts';

/** A replaced fact as recall uses it: the old statement, the current memory, and when it changed. */
export interface Replacement {
  previous: string;
  current: string;
  /** Id of the active memory that holds the current statement. */
  currentId: string;
  at: Date;
}

/**
 * For each turn an old (superseded) semantic memory came from, what replaced it, following the chain of versions
 * to the active one. A turn that is also a source of an active memory of that chain is not stale (it states the
 * change itself, or a user's edit kept its sources).
 */
/**
 * The live version reached from `id` through the superseded versions' supersededBy links (a note or an old version
 * names the replacement as it was then; it may have been replaced again since), or undefined.
 */
export function liveVersion<T>(id: string | null, live: (id: string) => T | undefined, superseded: ReadonlyMap<string, Pick<Memory, 'supersededBy'>>): T | undefined {
  let next = id;
  for (let hops = 0; next && hops < MAX_HOPS; hops += 1) {
    const found = live(next);
    if (found !== undefined) return found;
    next = superseded.get(next)?.supersededBy ?? null;
  }
  return undefined;
}

/** Longer than any real chain of versions; a cycle (a damaged archive) ends here instead of looping. */
const MAX_HOPS = 1000;

export function staleTurnsOf(superseded: readonly Memory[], active: ReadonlyMap<string, Memory>): Map<string, Replacement[]> {
  const byId = new Map(superseded.map((memory) => [memory.id, memory]));
  const stale = new Map<string, Replacement[]>();
  for (const memory of superseded) {
    const head = liveVersion(memory.supersededBy, (id) => active.get(id), byId);
    if (!head || head.content === memory.content) continue;
    for (const turnId of memory.sourceTurnIds) {
      if (head.sourceTurnIds.includes(turnId)) continue;
      const list = stale.get(turnId) ?? [];
      list.push({ previous: memory.content, current: head.content, currentId: head.id, at: head.validFrom });
      stale.set(turnId, list);
    }
  }
  return stale;
}
