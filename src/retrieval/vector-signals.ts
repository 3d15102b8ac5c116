// Candidates from embedders, when configured: the query's text vector against stored turn and memory vectors,
// the query's images against stored image vectors (a stored image lends its similarity to the turns that
// carry it; an object crop to the turns of its photo and to the memories it belongs to, see image-hits.ts). Vectors from another model are never compared (the store filters by model id).
import type { RecallQuery } from './types.ts';
import type { RetrieverDeps } from './retriever.ts';
import type { MemoryCorpus } from './memory-corpus.ts';
import type { TurnCorpus } from './turn-corpus.ts';
import { ImageHitResolver } from './image-hits.ts';

/**
 * How a text vector hit's evidence is put on the lexical scale (best turn = 1), times vectorWeight:
 * 'similarity' 1 − cosine distance as it is; 'rank' 1 − rank / limit, so the best hit counts fully and the
 * hundredth hardly at all, whatever the embedder's similarity range (word-vector averages are all 0.7–0.9 alike).
 */
export type VectorFusion = 'similarity' | 'rank';

export interface VectorOptions {
  /** Hits asked of the store per target. */
  limit: number;
  weight: number;
  fusion: VectorFusion;
}

export interface Signals {
  turnAdditive: Map<number, number>;
  memoryAdditive: Map<number, number>;
}

function add(map: Map<number, number>, index: number | undefined, value: number): void {
  if (index === undefined || value <= 0) return;
  map.set(index, Math.max(map.get(index) ?? 0, value));
}

export async function collectSignals(
  deps: Pick<RetrieverDeps, 'store' | 'embedder' | 'imageEmbedder'>,
  query: RecallQuery,
  turns: TurnCorpus,
  memories: MemoryCorpus,
  vectors: VectorOptions,
): Promise<Signals> {
  const { limit, weight } = vectors;
  const evidence = (distance: number, rank: number): number => weight * (vectors.fusion === 'rank' ? 1 - rank / limit : 1 - distance);
  const signals: Signals = { turnAdditive: new Map(), memoryAdditive: new Map() };
  const range = query.timeRange;
  if (deps.embedder) {
    const text = [query.query, ...(query.keywords ?? [])].join(' ').trim();
    const [vector] = text ? await deps.embedder.embed([text]) : [];
    if (vector) {
      const model = deps.embedder.modelId;
      const turnHits = await deps.store.search.vector(query.userId, { vector, model, target: 'turns', limit, ...(range ? { range } : {}) });
      turnHits.forEach((hit, rank) => add(signals.turnAdditive, turns.indexOf(hit.id), evidence(hit.distance, rank)));
      const memoryHits = await deps.store.search.vector(query.userId, { vector, model, target: 'memories', limit, ...(range ? { range } : {}) });
      memoryHits.forEach((hit, rank) => add(signals.memoryAdditive, memories.indexById.get(hit.id), evidence(hit.distance, rank)));
    }
  }
  if (deps.imageEmbedder && query.images && query.images.length > 0) {
    const vectors = await deps.imageEmbedder.embedImages(query.images);
    const model = deps.imageEmbedder.modelId;
    const targets = new ImageHitResolver(deps.store, query.userId, turns, memories);
    for (const vector of vectors) {
      const hits = await deps.store.search.vector(query.userId, { vector, model, target: 'images', limit });
      for (const hit of hits) {
        const { turns: turnIndexes, memories: memoryIndexes } = await targets.resolve(hit.id);
        for (const index of turnIndexes) add(signals.turnAdditive, index, weight * (1 - hit.distance));
        for (const index of memoryIndexes) add(signals.memoryAdditive, index, weight * (1 - hit.distance));
      }
    }
  }
  return signals;
}
