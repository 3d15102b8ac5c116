// Which recalled things state a fact that has since changed, and what replaced it. Superseded knowledge must
// never outrank what superseded it: an outdated memory (memory/outdated.ts: an episode or profile line that
// states an old fact) and a turn an old fact came from are ranked lower and marked in their text, and the
// current memory that replaced them is lifted above them and packed ahead of them.
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
export function staleTurnsOf(superseded: readonly Memory[], active: ReadonlyMap<string, Memory>): Map<string, Replacement[]> {
  const byId = new Map(superseded.map((memory) => [memory.id, memory]));
  const headOf = (memory: Memory): Memory | null => {
    let next = memory.supersededBy;
    for (let hops = 0; next && hops < 1000; hops += 1) {
      const live = active.get(next);
      if (live) return live;
      next = byId.get(next)?.supersededBy ?? null;
    }
    return null;
  };
  const stale = new Map<string, Replacement[]>();
  for (const memory of superseded) {
    const head = headOf(memory);
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
