// Never mix embedding models, never degrade silently. Vector search compares only vectors of the configured
// embedder's model (the store filters by model), so after a model change the rows embedded only with the old one
// drop out of vector search. This check finds them and says what to run; the guard warns or refuses, per config.
import { EmbeddingMismatchError } from '../errors/index.ts';
import type { EventBus } from '../memory/events.ts';
import type { TextEmbedder } from '../model/ports.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import { REMEMBER_TUNING } from './tuning.ts';

export interface EmbeddingModelFinding {
  userId: string;
  currentModel: string;
  /** The models the uncovered rows have vectors of. */
  otherModels: string[];
  /** Rows (active memories, turns) with vectors of other models and none of the current one. */
  uncovered: { memories: number; turns: number };
  command: string;
  message: string;
}

export type OnModelChange = 'warn' | 'refuse';

const counted = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/** null when every memory and turn that has a vector also has one of the embedder's model. */
export async function checkEmbeddingModels(store: MemoryStore, userId: string, embedder: Pick<TextEmbedder, 'modelId'>): Promise<EmbeddingModelFinding | null> {
  const rows = await store.embeddings.uncovered(userId, embedder.modelId, ['memories', 'turns']);
  if (rows.length === 0) return null;
  const count = (target: string): number => rows.find((row) => row.target === target)?.count ?? 0;
  const uncovered = { memories: count('memories'), turns: count('turns') };
  const otherModels = [...new Set(rows.flatMap((row) => row.models))].sort();
  const command = `personavlm memory reembed --user ${userId}`;
  const rowsText = [
    uncovered.memories > 0 ? counted(uncovered.memories, 'memory', 'memories') : '',
    uncovered.turns > 0 ? counted(uncovered.turns, 'turn', 'turns') : '',
  ].filter(Boolean).join(' and ');
  const message =
    `The embedding model changed: ${rowsText} of user "${userId}" ` +
    `have vectors of ${otherModels.map((model) => `"${model}"`).join(', ')} but none of the configured embedder "${embedder.modelId}". ` +
    `Vector search never compares vectors of different models, so it misses them until they are re-embedded: run \`${command}\` ` +
    '(add --drop-old to delete the old vectors afterwards).';
  return { userId, currentModel: embedder.modelId, otherModels, uncovered, command, message };
}

export interface EmbeddingModelGuardOptions {
  store: MemoryStore;
  embedder: TextEmbedder | null;
  events: EventBus;
  onModelChange: OnModelChange;
  /** How long a user's result is reused; a warning is emitted once per check. Default 60 s. */
  ttlMs?: number;
  now?: () => number;
}

export interface EmbeddingModelGuard {
  /** Warns (event "embedding_model_changed") or throws EmbeddingMismatchError when the check finds something. */
  check(userId: string): Promise<void>;
  /** Drops cached results (after a re-embedding in this process). */
  forget(userId?: string): void;
}

export function createEmbeddingModelGuard(options: EmbeddingModelGuardOptions): EmbeddingModelGuard {
  const ttlMs = options.ttlMs ?? REMEMBER_TUNING.embeddingCheckTtlMs;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; finding: Promise<EmbeddingModelFinding | null> }>();
  const refresh = (userId: string, embedder: TextEmbedder): Promise<EmbeddingModelFinding | null> => {
    const finding = checkEmbeddingModels(options.store, userId, embedder).then((found) => {
      if (found && options.onModelChange === 'warn') options.events.warn('embedding_model_changed', found.message, { ...found });
      return found;
    });
    const entry = { at: now(), finding };
    // A failed check is not remembered: the next call asks the store again (and the error reaches this caller).
    finding.catch(() => {
      if (cache.get(userId) === entry) cache.delete(userId);
    });
    cache.set(userId, entry);
    return finding;
  };
  return {
    async check(userId) {
      const embedder = options.embedder;
      if (!embedder) return;
      const cached = cache.get(userId);
      const found = await (cached && now() - cached.at < ttlMs ? cached.finding : refresh(userId, embedder));
      if (found && options.onModelChange === 'refuse') throw new EmbeddingMismatchError(found.message, { details: { ...found } });
    },
    forget(userId) {
      if (userId === undefined) cache.clear();
      else cache.delete(userId);
    },
  };
}
