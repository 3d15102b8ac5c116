// Where a stored image that matched a query image leads: the turns that carry it, or, for an object crop kept
// by the update phase, the turns whose photo it was cut from (ObjectDetection.cropSha256), and the memories
// that name it as their crop (image-object memories, detail.cropSha256).
import type { MemoryStore } from '../store/memory-store.ts';
import type { MemoryCorpus } from './memory-corpus.ts';
import type { TurnCorpus } from './turn-corpus.ts';

export interface ImageHitTargets {
  turns: number[];
  memories: number[];
}

export class ImageHitResolver {
  readonly #store: MemoryStore;
  readonly #userId: string;
  readonly #turnsBySha = new Map<string, number[]>();
  readonly #memoriesByCrop = new Map<string, number[]>();
  /** Crop sha → the shas of the images it was cut from; read from the store only when a hit is on no turn. */
  #cropParents: Map<string, string[]> | null = null;

  constructor(store: MemoryStore, userId: string, turns: TurnCorpus, memories: MemoryCorpus) {
    this.#store = store;
    this.#userId = userId;
    for (const [index, shas] of turns.withImages()) for (const sha of shas) push(this.#turnsBySha, sha, index);
    for (const index of memories.inOrder()) {
      const crop = memories.memories[index]!.memory.detail['cropSha256'];
      if (typeof crop === 'string') push(this.#memoriesByCrop, crop, index);
    }
  }

  async resolve(sha256: string): Promise<ImageHitTargets> {
    const memories = this.#memoriesByCrop.get(sha256) ?? [];
    const direct = this.#turnsBySha.get(sha256);
    if (direct) return { turns: direct, memories };
    const parents = (await this.#parents()).get(sha256) ?? [];
    return { turns: parents.flatMap((parent) => this.#turnsBySha.get(parent) ?? []), memories };
  }

  async #parents(): Promise<Map<string, string[]>> {
    if (this.#cropParents) return this.#cropParents;
    const parents = new Map<string, string[]>();
    for (const image of await this.#store.images.list(this.#userId)) {
      for (const object of image.analysis?.objects ?? []) if (object.cropSha256) push(parents, object.cropSha256, image.sha256);
    }
    this.#cropParents = parents;
    return parents;
  }
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
