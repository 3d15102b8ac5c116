// BENCHMARKS.md § 3, recall latency: for each engine and size, one owner and `users - 1` other users of the same
// size, persona.recall() timed over a fixed query set beside its baselines, with memory and database size.
// An engine that cannot run (PostgreSQL without a URL) is skipped with its reason, never silently.
import type { TextEmbedder } from '../../model/ports.ts';
import type { LocomoConversation } from '../../datasets/locomo/load-locomo.ts';
import { engineStore, type Engine } from './engine-store.ts';
import { measureEngine, type EngineResult } from './measure-engine.ts';
import { benchmarkQueries, sourceTurns } from './queries.ts';
import { createTextGenerator } from './text-generator.ts';

export interface LatencyOptions {
  dataset: string;
  conversations: LocomoConversation[];
  sizes: number[];
  engines: Engine[];
  postgresUrl?: string;
  embedder: TextEmbedder | null;
  /** Users per database, the owner included (default 3). */
  users?: number;
  queries?: number;
  repeats?: number;
  budgetTokens?: number;
  onProgress?: (step: string) => void;
}

export interface LatencyReport {
  benchmark: 'recall-latency';
  dataset: string;
  corpus: string;
  embedder: string | null;
  users: number;
  queries: number;
  repeats: number;
  budgetTokens: number;
  results: EngineResult[];
  skipped: { engine: Engine; reason: string }[];
}

export async function runLatency(options: LatencyOptions): Promise<LatencyReport> {
  const users = options.users ?? 3;
  const repeats = options.repeats ?? 2;
  const budgetTokens = options.budgetTokens ?? 2000;
  const queries = benchmarkQueries(options.conversations, options.queries ?? 50);
  const generator = createTextGenerator(sourceTurns(options.conversations));
  const results: EngineResult[] = [];
  const skipped: LatencyReport['skipped'] = [];
  for (const engine of options.engines) {
    if (engine === 'postgres' && !options.postgresUrl) {
      const reason = 'no PostgreSQL URL: set PERSONAVLM_TEST_POSTGRES_URL or pass --postgres-url';
      options.onProgress?.(`skipping postgres: ${reason}`);
      skipped.push({ engine, reason });
      continue;
    }
    for (const size of options.sizes) {
      const target = await engineStore(engine, options.postgresUrl);
      try {
        results.push(await measureEngine(target, { size, users, queries, repeats, budgetTokens, embedder: options.embedder, generator, ...(options.onProgress ? { onProgress: options.onProgress } : {}) }));
      } finally {
        await target.remove();
      }
    }
  }
  return {
    benchmark: 'recall-latency',
    dataset: options.dataset,
    corpus: 'synthetic turns from a seeded word-bigram chain learnt from the dataset\'s turns; 1 semantic memory per 10 turns',
    embedder: options.embedder?.modelId ?? null,
    users,
    queries: queries.length,
    repeats,
    budgetTokens,
    results,
    skipped,
  };
}
