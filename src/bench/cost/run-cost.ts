// BENCHMARKS.md § 3, update-phase cost: the first N turns of one LoCoMo conversation replayed through the real
// update phase in both write budgets (fixed: 1 call per user turn + 1 per session; paper: 2 + 3), and the
// per-turn work that needs no model, in one run so the ratios hold on a noisy machine.
import { InvalidInputError } from '../../errors/index.ts';
import type { WriteBudget } from '../../remember/deps.ts';
import { FixedTextEmbedder } from '../../test/fixed-text-embedder.ts';
import type { LocomoConversation } from '../../datasets/locomo/load-locomo.ts';
import { countTurns, firstTurns } from './first-turns.ts';
import { measureBudget, type BudgetRun } from './measure-budget.ts';
import { measureOverhead, type OverheadRun } from './measure-overhead.ts';
import type { StoreFactory } from './store-factory.ts';

export interface CostOptions {
  dataset: string;
  conversations: LocomoConversation[];
  /** sample_id of the conversation to replay; default the first. */
  sampleId?: string;
  turns: number;
  /** Dimensions of the hashing embedder used for the "with vectors" overhead row (MiniLM: 384). */
  embedderDimensions?: number;
  onProgress?: (step: string) => void;
  /** One store per measured run; default a fresh in-memory PGlite. */
  openStore?: StoreFactory;
}

export interface PerHundredTurns {
  calls: number;
  promptTokens: number;
  completionTokens: number;
}

export interface BudgetSummary extends BudgetRun {
  /** The design's count: per user turn and per session calls times the replayed turns and sessions. */
  expectedCalls: number;
  per100Turns: PerHundredTurns;
}

export interface CostReport {
  benchmark: 'cost';
  dataset: string;
  sampleId: string;
  turns: number;
  userTurns: number;
  sessions: number;
  tokenizer: 'cl100k_base';
  /** Prompt tokens are the real rendered prompts; completion tokens are those of the scripted replies. */
  completionTokens: 'scripted';
  budgets: Record<WriteBudget, BudgetSummary>;
  /** fixed / paper, per 100 turns. */
  ratio: PerHundredTurns;
  overhead: OverheadRun[];
}

const DESIGN: Record<WriteBudget, { perUserTurn: number; perSession: number }> = {
  fixed: { perUserTurn: 1, perSession: 1 },
  paper: { perUserTurn: 2, perSession: 3 },
};

const per100 = (value: number, turns: number): number => Math.round((value / turns) * 100 * 10) / 10;
const ratio = (a: number, b: number): number => (b === 0 ? 0 : Math.round((a / b) * 1000) / 1000);

export async function runCost(options: CostOptions): Promise<CostReport> {
  const conversation = options.sampleId ? options.conversations.find((c) => c.sampleId === options.sampleId) : options.conversations[0];
  if (!conversation) throw new InvalidInputError(`No conversation ${options.sampleId ? `"${options.sampleId}" ` : ''}in ${options.dataset}.`);
  const history = firstTurns(conversation.history, options.turns);
  const counts = countTurns(history);
  // Overhead first: it also warms the NLP model and the WASM database, so neither budget pays for that.
  const overhead: OverheadRun[] = [];
  for (const embedder of [null, new FixedTextEmbedder({ dimensions: options.embedderDimensions ?? 384 })]) {
    options.onProgress?.(`overhead without a model (${embedder ? 'with vectors' : 'lexical'})`);
    overhead.push(await measureOverhead(history, `${conversation.sampleId}-overhead`, embedder, options.openStore));
  }
  // A short discarded pass first: the job path's first run pays for warming up, which would tilt the per-turn
  // wall time towards whichever budget ran first.
  await measureBudget(firstTurns(history, 10), 'fixed', `${conversation.sampleId}-warm-up`, options.openStore);
  const budgets = {} as Record<WriteBudget, BudgetSummary>;
  for (const budget of ['fixed', 'paper'] as const) {
    options.onProgress?.(`${budget} budget: replaying ${counts.turns} turns`);
    const run = await measureBudget(history, budget, `${conversation.sampleId}-${budget}`, options.openStore);
    budgets[budget] = {
      ...run,
      expectedCalls: DESIGN[budget].perUserTurn * counts.userTurns + DESIGN[budget].perSession * counts.sessions,
      per100Turns: { calls: per100(run.total.calls, counts.turns), promptTokens: per100(run.total.inputTokens, counts.turns), completionTokens: per100(run.total.outputTokens, counts.turns) },
    };
  }
  const { fixed, paper } = budgets;
  return {
    benchmark: 'cost',
    dataset: options.dataset,
    sampleId: conversation.sampleId,
    ...counts,
    tokenizer: 'cl100k_base',
    completionTokens: 'scripted',
    budgets,
    ratio: {
      calls: ratio(fixed.per100Turns.calls, paper.per100Turns.calls),
      promptTokens: ratio(fixed.per100Turns.promptTokens, paper.per100Turns.promptTokens),
      completionTokens: ratio(fixed.per100Turns.completionTokens, paper.per100Turns.completionTokens),
    },
    overhead,
  };
}
