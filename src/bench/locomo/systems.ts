// The systems a retrieval run compares: the project's retriever and the baselines of BENCHMARKS.md § 1, all
// behind one small interface so the runner treats them alike.
import type { RecallQuery, RecallResult } from '../../retrieval/types.ts';
import type { ScoredItem } from './coverage.ts';
import type { LocomoConversation } from '../../datasets/locomo/load-locomo.ts';
import type { BaselineSystem, BaselineTurn } from './baselines/baseline-turn.ts';
import { createBm25Turns } from './baselines/bm25-turns.ts';
import { createFullContext } from './baselines/full-context.ts';
import { createRecency } from './baselines/recency.ts';

export interface RetrievalSystem {
  name: string;
  /** Items in rank order, packed by the system for this budget or ranked beyond it (the runner packs). */
  retrieve(question: string, at: Date, budget: number): Promise<ScoredItem[]>;
}

export function baselineTurns(conversation: LocomoConversation): BaselineTurn[] {
  return conversation.history.sessions.flatMap((session) =>
    session.turns.map((turn) => ({
      id: turn.externalId ?? '',
      speaker: turn.speaker ?? turn.role,
      text: turn.text,
      caption: turn.images?.map((image) => image.caption).filter(Boolean).join('; ') || null,
      at: turn.at,
    })),
  );
}

function fromBaseline(baseline: BaselineSystem): RetrievalSystem {
  return { name: baseline.name, retrieve: async (question, _at, budget) => baseline.rank(question, budget) };
}

export function baselineSystems(conversation: LocomoConversation): RetrievalSystem[] {
  const turns = baselineTurns(conversation);
  return [createBm25Turns(turns), createRecency(turns), createFullContext(turns)].map(fromBaseline);
}

export function personavlmSystem(retriever: { recall(query: RecallQuery): Promise<RecallResult> }, userId: string, name: string = 'personavlm'): RetrievalSystem {
  return {
    name,
    async retrieve(question, at, budget) {
      const result = await retriever.recall({ userId, query: question, at, budgetTokens: budget });
      return result.items;
    },
  };
}
