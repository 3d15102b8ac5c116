// What the first reasoning prompt shows besides the input: core profile, personality, procedural memory and the
// recent conversation, read from the store for one user.
import { initialPersonality } from '../memory/pem.ts';
import type { BigFive, Turn } from '../memory/types.ts';
import type { ReasonMemoryLine } from '../prompts/reason-first.ts';
import type { MemoryStore } from '../store/memory-store.ts';

export interface ReasonContext {
  profile: ReasonMemoryLine[];
  personality: BigFive;
  procedural: ReasonMemoryLine[];
  /** Oldest first; excludes the current input's own turn. */
  recent: Turn[];
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
  const [core, procedural, personality, recent] = await Promise.all([
    store.memories.list(userId, { types: ['core'] }),
    store.memories.list(userId, { types: ['procedural'] }),
    store.personality.latest(userId),
    store.turns.list(userId, {
      // Imported histories stamp a whole session with one time, so turns at exactly `at` belong to the window.
      range: { from: new Date(at.getTime() - options.recentWindowMinutes * 60_000), to: new Date(at.getTime() + 1) },
      order: 'desc',
      limit: options.recentTurnLimit + 1,
    }),
  ]);
  const line = (memory: { key: string | null; content: string }): ReasonMemoryLine => ({ key: memory.key, content: memory.content });
  return {
    profile: core.map(line),
    personality: personality?.traits ?? initialPersonality(),
    procedural: procedural.map(line),
    recent: recent
      .filter((turn) => turn.id !== options.currentTurnId)
      .slice(0, options.recentTurnLimit)
      .reverse(),
  };
}
