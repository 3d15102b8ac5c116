// persona.profile: who the user is as the memory sees them (core profile, personality, habits), and the memory
// context for a question packed as one block, for models personavlm does not drive (the proxy, MCP clients).
import type { BigFive, Memory } from '../memory/types.ts';
import { buildMemoryContext } from '../prompts/memory-context.ts';
import { profileOrder } from '../prompts/remember-core.ts';
import type { RecallItem, RecallQuery, RecallResult } from '../retrieval/types.ts';
import type { MemoryStore } from '../store/memory-store.ts';

export interface UserProfile {
  userId: string;
  /** Core memory (name, occupation, residence, preferences, …), in profile order. */
  core: Memory[];
  /** Procedural memory: habits, routines and goals that are live. */
  habits: Memory[];
  /** The latest Big Five estimate; null before the first scored turn. */
  personality: { traits: BigFive; interactions: number; at: Date } | null;
}

export type MemoryContextQuery = Pick<RecallQuery, 'userId' | 'at' | 'budgetTokens' | 'excludeTurnIds' | 'timeRange' | 'types' | 'images'> & {
  /** What the user asks; empty: the profile only, nothing retrieved. */
  question: string;
};

export interface MemoryContext {
  /** The delimited block (prompts/memory-context.ts). */
  text: string;
  profile: UserProfile;
  items: RecallItem[];
  totalTokens: number;
}

export interface ProfileApi {
  /** A user this database has never seen has an empty profile. */
  get(userId: string): Promise<UserProfile>;
  /** Profile, personality and what recall finds for the question, as one block for a system message. */
  context(query: MemoryContextQuery): Promise<MemoryContext>;
}

export function profileApi(store: MemoryStore, recall: (query: RecallQuery) => Promise<RecallResult>, timeZone: string): ProfileApi {
  const get = async (userId: string): Promise<UserProfile> => {
    const [core, habits, latest] = await Promise.all([
      store.memories.list(userId, { types: ['core'] }),
      store.memories.list(userId, { types: ['procedural'] }),
      store.personality.latest(userId),
    ]);
    const personality = latest ? { traits: latest.traits, interactions: latest.interactions, at: latest.at } : null;
    return { userId, core: profileOrder(core), habits, personality };
  };
  return {
    get,
    context: async ({ question, ...query }) => {
      const words = question.trim();
      const [profile, found] = await Promise.all([get(query.userId), words ? recall({ ...query, query: words }) : Promise.resolve({ items: [], totalTokens: 0 })]);
      const text = buildMemoryContext({
        profile: profile.core.map((memory) => memory.content),
        habits: profile.habits.map((memory) => memory.content),
        personality: profile.personality?.traits ?? null,
        items: found.items.map((item) => item.text),
        at: query.at,
        timeZone,
      });
      return { text, profile, items: found.items, totalTokens: found.totalTokens };
    },
  };
}
