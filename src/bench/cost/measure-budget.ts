// One write budget measured end to end: the real update phase (persona.ingest, which records every turn,
// closes every session and drains the jobs) over a scripted model, on a fresh in-memory PGlite store.
import type { History } from '../../memory/history.ts';
import type { PersonaEvent } from '../../memory/events.ts';
import type { WriteBudget } from '../../remember/deps.ts';
import type { CallStats } from '../../model/ports.ts';
import { createPersona } from '../../persona.ts';
import { countTurns } from './first-turns.ts';
import { scriptedRememberModel } from './scripted-remember-model.ts';
import { inMemoryPglite, type StoreFactory } from './store-factory.ts';

export interface BudgetRun {
  budget: WriteBudget;
  /** Logical calls of the update phase, by purpose (ingest summary). */
  byPurpose: Record<string, CallStats>;
  total: CallStats;
  /** Calls the model itself received (attempts, retries included). */
  modelCalls: number;
  jobsFailed: number;
  memories: Record<string, number>;
  /** Warning codes raised during the run (parse repairs, ungrounded memories), with counts. */
  warnings: Record<string, number>;
  /** Wall time of ingest per turn with a model that answers at once: the update phase's own overhead. */
  ingestMsPerTurn: number;
}

export async function measureBudget(history: History, budget: WriteBudget, userId: string, openStore?: StoreFactory): Promise<BudgetRun> {
  const { userTurns, sessions } = countTurns(history);
  const perTurn = budget === 'fixed' ? 1 : 2;
  const perSession = budget === 'fixed' ? 1 : 3;
  // Room for twice the design's calls, so a budget that spent more is reported rather than cut short.
  const model = scriptedRememberModel(2 * (perTurn * userTurns + perSession * sessions) + 10);
  const persona = createPersona({ store: await (openStore ?? inMemoryPglite)(), model, vision: false, embedder: null, imageEmbedder: null, config: { memory: { writeBudget: budget } } });
  const warnings: Record<string, number> = {};
  persona.events.on((event: PersonaEvent) => {
    if (event.type === 'warning') {
      const code = String(event.code);
      warnings[code] = (warnings[code] ?? 0) + 1;
    }
  });
  await persona.open();
  try {
    const summary = await persona.ingest(userId, history);
    await persona.drain(userId);
    const turns = summary.turns.stored || 1;
    return {
      budget,
      byPurpose: summary.model.byPurpose,
      total: summary.model.total,
      modelCalls: model.calls.length,
      jobsFailed: summary.jobsFailed,
      memories: summary.memories,
      warnings,
      ingestMsPerTurn: summary.durationMs / turns,
    };
  } finally {
    await persona.close();
  }
}
