// The update phase's work that needs no model, per turn: store the turn (one transaction), enrich it (dates,
// keywords, entities), index it (a vector when an embedder is configured). Measured through
// persona.recordTurn with no chat model, so no job is queued and no model time hides in the figure.
import type { History } from '../../memory/history.ts';
import type { TextEmbedder } from '../../model/ports.ts';
import { createPersona } from '../../persona.ts';
import { historyTurnInput } from '../../remember/ingest.ts';
import { timed, timing, type Timing } from './timing.ts';
import { inMemoryPglite, type StoreFactory } from './store-factory.ts';

export interface OverheadRun {
  /** 'lexical': no embedder; otherwise the embedder's model id. */
  index: string;
  /** Per turn, the first one left out (it loads the NLP model and warms the database). */
  perTurnMs: Timing;
  firstTurnMs: number;
  /** Closing a session (no model: the boundary bookkeeping only). */
  perSessionCloseMs: Timing;
}

export async function measureOverhead(history: History, userId: string, embedder: TextEmbedder | null, openStore?: StoreFactory): Promise<OverheadRun> {
  const persona = createPersona({ store: await (openStore ?? inMemoryPglite)(), model: null, vision: false, embedder, imageEmbedder: null });
  await persona.open();
  const turnMs: number[] = [];
  const closeMs: number[] = [];
  try {
    for (const session of history.sessions) {
      for (const turn of session.turns) {
        turnMs.push(await timed(() => persona.recordTurn(historyTurnInput(userId, turn))));
      }
      closeMs.push(await timed(() => persona.closeSession(userId)));
    }
  } finally {
    await persona.close();
  }
  return { index: embedder ? embedder.modelId : 'lexical', perTurnMs: timing(turnMs.slice(1)), firstTurnMs: turnMs[0] ?? 0, perSessionCloseMs: timing(closeMs) };
}
