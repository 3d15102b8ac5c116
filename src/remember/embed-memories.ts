// Vectors for memories a job wrote, after its transaction (an embedder call must not hold it open).
import type { RememberDeps } from './deps.ts';

export async function embedMemories(deps: RememberDeps, userId: string, memoryIds: string[]): Promise<void> {
  const embedder = deps.embedder;
  if (!embedder || memoryIds.length === 0) return;
  try {
    const memories = await deps.store.memories.getMany(userId, memoryIds);
    for (let start = 0; start < memories.length; start += embedder.maxBatchSize) {
      const batch = memories.slice(start, start + embedder.maxBatchSize);
      const vectors = await embedder.embed(batch.map((m) => m.content));
      for (const [i, memory] of batch.entries()) {
        await deps.store.memories.setEmbedding(userId, memory.id, { model: embedder.modelId, vector: vectors[i]! });
      }
    }
  } catch (error) {
    // The memories are stored and found by text; the warning makes the missing vectors visible.
    deps.events.warn('memory_embedding_failed', `Embedding ${memoryIds.length} memories failed: ${String(error)}. They are found by text until \`personavlm memory reembed --user ${userId}\` gives them vectors.`, { userId, memoryIds });
  }
}
