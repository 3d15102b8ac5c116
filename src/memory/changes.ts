// What changed since the user's profile was last written: the semantic memories that replaced another after the
// newest profile line. The profile is rewritten at the end of each session (remember/session-effects.ts); until
// then (and for the session job that rewrites it) the prompts list these changes beside it, so a model never takes
// "Occupation: engineer at Acme" as current the morning after "I work at Solaris now".
import type { Memory, MemoryStatus, MemoryType } from './types.ts';

export interface FactChange {
  at: Date;
  previous: string;
  current: string;
}

/** The reads it needs (a MemoryStore satisfies it). */
export interface MemoryReader {
  memories: {
    list(userId: string, query?: { types?: MemoryType[]; status?: MemoryStatus[] }): Promise<Memory[]>;
    getMany(userId: string, memoryIds: string[]): Promise<Memory[]>;
  };
}

/** Changes after the newest profile line, oldest first, at most `limit` (the newest kept); none without a profile. */
export async function changesSinceProfile(store: MemoryReader, userId: string, profile: readonly Memory[], limit: number): Promise<FactChange[]> {
  if (profile.length === 0) return [];
  const written = Math.max(...profile.map((line) => line.validFrom.getTime()));
  // Runs before every answer: only versions that ended after the profile was written, and only their replacements,
  // are read (validTo is at least the replacement's validFrom), not the user's whole semantic memory.
  const ended = (await store.memories.list(userId, { types: ['semantic'], status: ['superseded'] }))
    .filter((old) => old.supersededBy !== null && (old.validTo?.getTime() ?? 0) > written);
  if (ended.length === 0) return [];
  const byId = new Map((await store.memories.getMany(userId, ended.map((old) => old.supersededBy!))).map((memory) => [memory.id, memory]));
  const changes: FactChange[] = [];
  for (const old of ended) {
    const replacement = old.supersededBy ? byId.get(old.supersededBy) : undefined;
    if (!replacement || replacement.validFrom.getTime() <= written || replacement.content === old.content) continue;
    changes.push({ at: replacement.validFrom, previous: old.content, current: replacement.content });
  }
  return changes.sort((a, b) => a.at.getTime() - b.at.getTime()).slice(-limit);
}
