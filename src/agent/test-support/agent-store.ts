// A MemoryStore for the agent's unit tests: the reads the response phase makes (profile, personality,
// procedural memory, recent turns by time, image bytes), over plain arrays. Every other method throws, so a
// test notices when the agent starts doing something new. chat.test.ts runs the real PGlite store.
import { NotFoundError } from '../../errors/index.ts';
import type { Memory, MemoryType, PersonalityPoint, StoredImage, Turn, BigFive } from '../../memory/types.ts';
import type { MemoryStore, TurnQuery } from '../../store/memory-store.ts';

export interface AgentStoreSeed {
  memories?: Array<{ type: MemoryType; key?: string | null; content: string }>;
  personality?: BigFive;
  turns?: Array<Pick<Turn, 'id' | 'role' | 'text' | 'at'> & { images?: string[] }>;
  images?: Array<{ sha256: string; mime: string; bytes: Uint8Array }>;
}

const unused = (name: string) => () => {
  throw new Error(`agent test store: ${name} was called, but the response phase is not expected to use it.`);
};

export function createAgentStore(userId: string, seed: AgentStoreSeed = {}): MemoryStore {
  const at = new Date('2023-01-01T00:00:00Z');
  const memories: Memory[] = (seed.memories ?? []).map((memory, index) => ({
    userId, id: `m${index + 1}`, type: memory.type, key: memory.key ?? null, content: memory.content, keywords: [], detail: {},
    sourceTurnIds: [], sourceRegions: [], eventTime: null, validFrom: at, validTo: null, status: 'active', supersededBy: null,
    supersededByTurnId: null, embeddingModel: null, embeddingDimensions: null, createdAt: at, updatedAt: at,
  }));
  const turns: Turn[] = (seed.turns ?? []).map((turn, index) => ({
    userId, sessionId: 's1', seq: index + 1, speaker: null, images: [], externalId: null, metadata: {}, enrichment: null, ...turn,
  }));
  const point: PersonalityPoint | null = seed.personality
    ? { userId, interactions: 5, turnId: null, at, traits: seed.personality, inferred: null }
    : null;
  const images = new Map((seed.images ?? []).map((image) => [image.sha256, image]));
  const mine = (id: string) => {
    if (id !== userId) throw new Error(`agent test store: asked for user ${id}, seeded ${userId}`);
  };
  const store = new Proxy({} as MemoryStore, {
    get(_target, name) {
      if (name === 'memories')
        return {
          list: async (id: string, query: { types?: MemoryType[] } = {}) => {
            mine(id);
            return memories.filter((memory) => !query.types || query.types.includes(memory.type));
          },
        };
      if (name === 'personality') return { latest: async (id: string) => (mine(id), point) };
      if (name === 'turns')
        return {
          list: async (id: string, query: TurnQuery = {}) => {
            mine(id);
            const inRange = turns.filter(
              (turn) => (!query.range?.from || turn.at >= query.range.from) && (!query.range?.to || turn.at < query.range.to),
            );
            const ordered = query.order === 'desc' ? [...inRange].reverse() : inRange;
            return ordered.slice(0, query.limit ?? ordered.length);
          },
          get: async (id: string, turnId: string) => (mine(id), turns.find((turn) => turn.id === turnId) ?? null),
        };
      if (name === 'images')
        return {
          get: async (id: string, sha: string): Promise<StoredImage | null> => {
            mine(id);
            const image = images.get(sha);
            return image
              ? { userId, sha256: sha, mime: image.mime, width: 1, height: 1, bytes: image.bytes.length, createdAt: at, analysis: null }
              : null;
          },
          readBytes: async (id: string, sha: string) => {
            mine(id);
            const image = images.get(sha);
            if (!image) throw new NotFoundError('image', sha);
            return image.bytes;
          },
        };
      return unused(String(name));
    },
  });
  return store;
}
