// What the first reasoning prompt shows besides the input: core profile, personality, procedural memory and the
// recent conversation, read from the store for one user.
import { initialPersonality } from '../memory/pem.ts';
import type { BigFive, Memory, Turn } from '../memory/types.ts';
import { changesSinceProfile, type FactChange } from '../memory/changes.ts';

const MAX_CHANGES = 8;
import { profileOrder } from '../prompts/remember-core.ts';
import type { ReasonMemoryLine } from '../prompts/reason-first.ts';
import type { MemoryStore } from '../store/memory-store.ts';

export interface ReasonContext {
  profile: ReasonMemoryLine[];
  /** Facts that replaced another since the profile was written (memory/changes.ts). */
  changes: FactChange[];
  personality: BigFive;
  procedural: ReasonMemoryLine[];
  /** Oldest first; excludes the current input's own turn. */
  recent: Turn[];
  /** The current input's stored turn (its photos' notes), when the caller named it. */
  current: Turn | null;
}

export interface LoadContextOptions {
  userId: string;
  at: Date;
  recentWindowMinutes: number;
  recentTurnLimit: number;
  currentTurnId?: string;
}

export async function loadReasonContext(store: MemoryStore, options: LoadContextOptions): Promise<ReasonContext> {
  const { userId, at } = options;
  const [core, procedural, personality, recent, current] = await Promise.all([
    store.memories.list(userId, { types: ['core'] }),
    store.memories.list(userId, { types: ['procedural'] }),
    store.personality.latest(userId),
    store.turns.list(userId, {
      // Imported histories stamp a whole session with one time, so turns at exactly `at` belong to the window.
      range: { from: new Date(at.getTime() - options.recentWindowMinutes * 60_000), to: new Date(at.getTime() + 1) },
      order: 'desc',
      limit: options.recentTurnLimit + 1,
    }),
    options.currentTurnId ? store.turns.get(userId, options.currentTurnId) : Promise.resolve(null),
  ]);
  const line = (memory: Memory): ReasonMemoryLine => ({ key: memory.key, content: memory.content });
  return {
    profile: profileOrder(core).map(line),
    changes: await changesSinceProfile(store, userId, core, MAX_CHANGES),
    personality: personality?.traits ?? initialPersonality(),
    procedural: procedural.map(line),
    recent: recent
      .filter((turn) => turn.id !== options.currentTurnId)
      .slice(0, options.recentTurnLimit)
      .reverse(),
    current,
  };
}
