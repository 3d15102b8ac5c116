// persona.memories: read, correct and forget a user's memories. Edits keep the old text as history and re-embed
// the new version, so a corrected memory never drops out of vector search without a word.
import { NotFoundError } from '../errors/index.ts';
import type { Memory, MemoryPatch, NewMemory, Turn } from '../memory/types.ts';
import type { RememberDeps } from '../remember/deps.ts';
import { embedMemories } from '../remember/embed-memories.ts';
import type { MemoryQuery } from '../store/memory-store.ts';

export interface MemoriesApi {
  /** Live memories by default; `status` selects superseded and retired versions too. */
  list(userId: string, query?: MemoryQuery): Promise<Memory[]>;
  /** How many `list` would give with the same filters and search, without `limit` and `offset`: the pages in all. */
  count(userId: string, query?: MemoryQuery): Promise<number>;
  /**
   * A fact the user states directly (an MCP client's `remember`, an import), stored live without a model call and
   * embedded like an edit. Facts derived from turns come from the update phase instead.
   */
  add(userId: string, memory: NewMemory): Promise<Memory>;
  /** The memory, or null when the user has none with this id. */
  get(userId: string, memoryId: string): Promise<Memory | null>;
  /** The turns a memory was derived from: why the system believes it. */
  sources(userId: string, memoryId: string): Promise<Turn[]>;
  /** The chain of versions that led to this memory, oldest first, the memory itself last. */
  history(userId: string, memoryId: string): Promise<Memory[]>;
  /**
   * A correction, in place (same id; the previous text is kept as a superseded version in its history), embedded
   * with the configured embedder before this resolves (a failure is a `memory_embedding_failed` warning that
   * names `memory reembed`).
   */
  edit(userId: string, memoryId: string, patch: MemoryPatch): Promise<Memory>;
  /** Deletes the memory with all its versions and vectors; NotFoundError for an unknown id. */
  forget(userId: string, memoryId: string): Promise<void>;
}

export function memoriesApi(deps: RememberDeps): MemoriesApi {
  const { store } = deps;
  const existing = async (userId: string, memoryId: string): Promise<Memory> => {
    const memory = await store.memories.get(userId, memoryId);
    if (!memory) throw new NotFoundError('memory', memoryId);
    return memory;
  };
  return {
    list: (userId, query) => store.memories.list(userId, query),
    count: (userId, query) => store.memories.count(userId, query),
    add: async (userId, memory) => {
      const added = await store.memories.add(userId, memory);
      await embedMemories(deps, userId, [added.id]);
      return added;
    },
    get: (userId, memoryId) => store.memories.get(userId, memoryId),
    sources: async (userId, memoryId) => store.turns.getMany(userId, (await existing(userId, memoryId)).sourceTurnIds),
    history: async (userId, memoryId) => {
      const chain = await store.memories.history(userId, memoryId);
      if (chain.length === 0) throw new NotFoundError('memory', memoryId);
      return chain;
    },
    edit: async (userId, memoryId, patch) => {
      const edited = await store.memories.edit(userId, memoryId, patch);
      // The store drops the old text's vectors with the old version; the new text gets its own now.
      await embedMemories(deps, userId, [edited.id]);
      return edited;
    },
    // The store refuses an id the user does not have with NotFoundError.
    forget: (userId, memoryId) => store.memories.forget(userId, memoryId),
  };
}
