// Re-embeds a user's memories and turns with the current text embedder, after a model change. Resumable: rows that
// already have a vector of this model are skipped, so a run that failed half way continues where it stopped and a
// second run does nothing. Old models' vectors are deleted only when asked and only after every row has a new one,
// so a failed run never leaves the user with less vector search than before.
import type { EventBus } from '../memory/events.ts';
import type { TextEmbedder } from '../model/ports.ts';
import type { MemoryStore, SearchTarget } from '../store/memory-store.ts';
import { turnEmbeddingText } from './turn-embedding-text.ts';
import { REMEMBER_TUNING } from './tuning.ts';

export interface ReembedDeps {
  store: MemoryStore;
  embedder: TextEmbedder;
  events?: EventBus;
}

export interface ReembedCounts {
  /** Rows considered: active memories, or turns with text (or image text) to embed. */
  total: number;
  embedded: number;
  /** Already had a vector of this model. */
  skipped: number;
}

export interface ReembedProgress extends ReembedCounts {
  userId: string;
  target: SearchTarget;
}

export interface ReembedOptions {
  /** After each batch. */
  onProgress?: (progress: ReembedProgress) => void;
  /** Delete the user's memory and turn vectors of every other model once all rows have one of this model. */
  dropOtherModels?: boolean;
  signal?: AbortSignal;
}

export interface ReembedReport {
  userId: string;
  model: string;
  memories: ReembedCounts;
  turns: ReembedCounts;
  /** Vectors deleted per other model (empty unless dropOtherModels). */
  dropped: Array<{ model: string; count: number }>;
}

const TEXT_TARGETS: SearchTarget[] = ['memories', 'turns'];
interface Row {
  id: string;
  text: string;
}

async function embedRows(deps: ReembedDeps, userId: string, target: SearchTarget, rows: Row[], counts: ReembedCounts, options: ReembedOptions): Promise<void> {
  const { store, embedder } = deps;
  for (let start = 0; start < rows.length; start += embedder.maxBatchSize) {
    options.signal?.throwIfAborted();
    const batch = rows.slice(start, start + embedder.maxBatchSize);
    const done = new Set(await store.embeddings.existing(userId, target, embedder.modelId, batch.map((row) => row.id)));
    const todo = batch.filter((row) => !done.has(row.id));
    counts.total += batch.length;
    counts.skipped += batch.length - todo.length;
    if (todo.length > 0) {
      const vectors = await embedder.embed(todo.map((row) => row.text), options.signal ? { signal: options.signal } : {});
      for (const [index, row] of todo.entries()) {
        const embedding = { model: embedder.modelId, vector: vectors[index]! };
        if (target === 'memories') await store.memories.setEmbedding(userId, row.id, embedding);
        else await store.turns.setEmbedding(userId, row.id, embedding);
      }
      counts.embedded += todo.length;
    }
    options.onProgress?.({ userId, target, ...counts });
  }
}

export async function reembedUser(deps: ReembedDeps, userId: string, options: ReembedOptions = {}): Promise<ReembedReport> {
  const { store, embedder } = deps;
  const report: ReembedReport = {
    userId,
    model: embedder.modelId,
    memories: { total: 0, embedded: 0, skipped: 0 },
    turns: { total: 0, embedded: 0, skipped: 0 },
    dropped: [],
  };
  const memories = await store.memories.list(userId);
  await embedRows(deps, userId, 'memories', memories.map((memory) => ({ id: memory.id, text: memory.content })), report.memories, options);

  for (let afterSeq: number | undefined; ; ) {
    const page = await store.turns.list(userId, { ...(afterSeq === undefined ? {} : { afterSeq }), order: 'asc', limit: REMEMBER_TUNING.reembedTurnPage });
    if (page.length === 0) break;
    afterSeq = page.at(-1)!.seq;
    const rows = page.map((turn) => ({ id: turn.id, text: turnEmbeddingText(turn) })).filter((row) => row.text !== '');
    await embedRows(deps, userId, 'turns', rows, report.turns, options);
  }

  if (options.dropOtherModels) {
    const others = new Set((await store.embeddings.models(userId)).filter((entry) => TEXT_TARGETS.includes(entry.target as SearchTarget) && entry.model !== embedder.modelId).map((entry) => entry.model));
    for (const model of [...others].sort()) {
      report.dropped.push({ model, count: await store.embeddings.deleteModel(userId, model, TEXT_TARGETS) });
    }
  }
  deps.events?.emit({ type: 'embeddings_reembedded', ...report });
  return report;
}
