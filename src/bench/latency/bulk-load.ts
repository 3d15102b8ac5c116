// Loads one synthetic user through the store API: sessions of 12–24 turns every day or two, every turn
// enriched as live turns are (dates, keywords, entities) and embedded when an embedder is given, and one
// semantic memory per `memoryEvery` user turns. Many sessions share one transaction, so a 100k-turn user
// loads in minutes instead of hours; a session's turns go in one multi-row insert with their enrichment, the rows
// ingest writes.
import type { TurnEnrichment } from '../../memory/types.ts';
import type { TextEmbedder } from '../../model/ports.ts';
import type { MemoryStore } from '../../store/memory-store.ts';
import { topWords } from '../cost/remember-replies.ts';
import { between, seededRandom } from './seeded-random.ts';
import type { TextGenerator } from './text-generator.ts';

export interface LoadUserOptions {
  userId: string;
  /** Turns to write (user and partner alternate). */
  turns: number;
  seed: number;
  generator: TextGenerator;
  enrich: (text: string, at: Date) => TurnEnrichment;
  embedder: TextEmbedder | null;
  /** One semantic memory per this many turns (default 10). */
  memoryEvery?: number;
  /** Sessions written per transaction. */
  sessionsPerTransaction?: number;
  onProgress?: (turnsDone: number) => void;
}

export interface LoadedUser {
  userId: string;
  turns: number;
  sessions: number;
  memories: number;
  lastAt: Date;
  turnIds: Set<string>;
}

const START = Date.UTC(2022, 0, 3, 9, 0, 0);
const DAY = 24 * 60 * 60 * 1000;

export async function embedInBatches(embedder: TextEmbedder, texts: string[]): Promise<number[][]> {
  const vectors: number[][] = [];
  for (let start = 0; start < texts.length; start += embedder.maxBatchSize) vectors.push(...(await embedder.embed(texts.slice(start, start + embedder.maxBatchSize))));
  return vectors;
}

export async function loadSyntheticUser(store: MemoryStore, options: LoadUserOptions): Promise<LoadedUser> {
  const random = seededRandom(options.seed);
  const memoryEvery = options.memoryEvery ?? 10;
  const perTransaction = options.sessionsPerTransaction ?? 20;
  // Memories come from user turns (about every other turn is one): one per memoryEvery turns overall.
  const memoryEveryUserTurns = Math.max(1, Math.round(memoryEvery / 2));
  let userTurns = 0;
  const names = { user: `Owner${options.seed}`, assistant: `Friend${options.seed}` };
  const loaded: LoadedUser = { userId: options.userId, turns: 0, sessions: 0, memories: 0, lastAt: new Date(START), turnIds: new Set() };
  await store.users.ensure(options.userId);
  let day = START;
  while (loaded.turns < options.turns) {
    await store.transaction(async (tx) => {
      for (let s = 0; s < perTransaction && loaded.turns < options.turns; s += 1) {
        day += between(random, 1, 2) * DAY;
        const startedAt = new Date(day + between(random, 0, 12 * 60) * 60_000);
        const count = Math.min(between(random, 12, 24), options.turns - loaded.turns);
        const session = await tx.sessions.create(options.userId, startedAt);
        const texts = Array.from({ length: count }, () => options.generator.turn(random));
        const vectors = options.embedder ? await embedInBatches(options.embedder, texts) : [];
        // The session's turns in one statement with their enrichment (TurnRepository.appendMany), as ingest writes them.
        const turns = await tx.turns.appendMany(options.userId, texts.map((text, index) => {
          const role = index % 2 === 0 ? 'user' : 'assistant';
          const at = new Date(startedAt.getTime() + index * 30_000);
          return { sessionId: session.id, role, speaker: names[role], text, at, enrichment: options.enrich(text, at) };
        }));
        for (const [index, turn] of turns.entries()) {
          const { text, role, at } = turn;
          if (options.embedder) await tx.turns.setEmbedding(options.userId, turn.id, { model: options.embedder.modelId, vector: vectors[index]! });
          loaded.turnIds.add(turn.id);
          loaded.turns += 1;
          loaded.lastAt = at;
          if (role === 'user' && userTurns++ % memoryEveryUserTurns === 0) {
            const keywords = topWords(text, 4);
            const memory = await tx.memories.add(options.userId, {
              type: 'semantic',
              key: keywords.slice(0, 2).join('_') || null,
              content: `${names.user} said: ${text.split(/(?<=[.!?])\s+/)[0]}`,
              keywords,
              sourceTurnIds: [turn.id],
              validFrom: at,
            });
            if (options.embedder) {
              const [vector] = await options.embedder.embed([memory.content]);
              await tx.memories.setEmbedding(options.userId, memory.id, { model: options.embedder.modelId, vector: vector! });
            }
            loaded.memories += 1;
          }
        }
        await tx.sessions.close(options.userId, session.id, loaded.lastAt);
        loaded.sessions += 1;
      }
    });
    options.onProgress?.(loaded.turns);
  }
  return loaded;
}
