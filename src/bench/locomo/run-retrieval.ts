// The LoCoMo retrieval benchmark (BENCHMARKS.md § 1): replay each conversation into its own memory owner,
// then ask every question just after the last session, of the system and of the baselines, at every budget.
import { performance } from 'node:perf_hooks';
import type { History } from '../../memory/history.ts';
import type { RecallQuery, RecallResult } from '../../retrieval/types.ts';
import { figuresByCategory, figuresFor, percentile, type QuestionOutcome, type RecallFigures } from './aggregate.ts';
import { coverageAt, type CoverageAtBudget, type ScoredItem } from './coverage.ts';
import { splitEvidence } from './evidence.ts';
import type { LocomoConversation } from '../../datasets/locomo/load-locomo.ts';
import { baselineSystems, personavlmSystem, type RetrievalSystem } from './systems.ts';
import { takeUntilBudget } from './baselines/baseline-turn.ts';

/** Questions are asked this long after the last turn: "just after the last session". */
export const ASK_AFTER_MS = 60_000;

export interface SystemFigures {
  overall: RecallFigures;
  categories: Record<string, RecallFigures>;
  tokens_per_query: number;
  latency_ms: { p50: number; p95: number };
}

export interface RetrievalReport {
  dataset: string;
  questions: number;
  systems: Record<string, SystemFigures>;
}

export interface TraceLine {
  system: string;
  sample_id: string;
  question: string;
  category: number;
  evidence: string[];
  items: { text: string; tokens: number }[];
}

export interface RetrievalProgress {
  conversation: number;
  conversations: number;
  sampleId: string;
  phase: 'replay' | 'questions';
  question: number;
  questions: number;
}

/** The system under test as users run it (createPersona with no model): the real ingest path and recall. */
export interface RetrievalSubject {
  ingest(userId: string, history: History): Promise<unknown>;
  recall(query: RecallQuery): Promise<RecallResult>;
}

export interface RetrievalRunOptions {
  dataset: string;
  conversations: readonly LocomoConversation[];
  budgets: readonly number[];
  /**
   * The systems under test, each its own persona (e.g. lexical, and with the configured embedder), reported side
   * by side with the baselines. Each conversation is replayed into the user named by its sample_id, which must be new.
   */
  subjects: readonly { name: string; subject: RetrievalSubject }[];
  onTrace?: (line: TraceLine) => void;
  onProgress?: (progress: RetrievalProgress) => void;
}

interface Tally {
  outcomes: QuestionOutcome[];
  tokens: number[];
  latencies: number[];
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

function roundFigures(figures: RecallFigures): RecallFigures {
  const each = (byBudget: Record<string, number>) => Object.fromEntries(Object.entries(byBudget).map(([key, value]) => [key, round(value, 4)]));
  return { strict: each(figures.strict), any: each(figures.any), fraction: each(figures.fraction) };
}

/** Dialogue id → turn text: what an evidence id must be found as. */
export function evidenceTexts(conversation: LocomoConversation): Map<string, string> {
  const texts = new Map<string, string>();
  for (const session of conversation.history.sessions) for (const turn of session.turns) if (turn.externalId) texts.set(turn.externalId, turn.text);
  return texts;
}

/** The time every question is asked: just after the last session. */
export function lastTurnTime(conversation: LocomoConversation): Date {
  const times = conversation.history.sessions.flatMap((session) => session.turns.map((turn) => turn.at.getTime()));
  return new Date(Math.max(...times) + ASK_AFTER_MS);
}

export async function runLocomoRetrieval(options: RetrievalRunOptions): Promise<RetrievalReport> {
  const budgets = [...options.budgets].sort((a, b) => a - b);
  const largest = budgets[budgets.length - 1]!;
  const tallies = new Map<string, Tally>();
  let asked = 0;
  for (const [conversationIndex, conversation] of options.conversations.entries()) {
    const progress = { conversation: conversationIndex + 1, conversations: options.conversations.length, sampleId: conversation.sampleId };
    options.onProgress?.({ ...progress, phase: 'replay', question: 0, questions: conversation.questions.length });
    for (const { subject } of options.subjects) await subject.ingest(conversation.sampleId, conversation.history);
    const systems: RetrievalSystem[] = [...options.subjects.map(({ name, subject }) => personavlmSystem(subject, conversation.sampleId, name)), ...baselineSystems(conversation)];
    const texts = evidenceTexts(conversation);
    const known = new Set(texts.keys());
    const at = lastTurnTime(conversation);
    for (const [questionIndex, question] of conversation.questions.entries()) {
      options.onProgress?.({ ...progress, phase: 'questions', question: questionIndex + 1, questions: conversation.questions.length });
      const evidence = splitEvidence(question.evidence, known);
      if (evidence.length === 0) continue;
      asked += 1;
      const wanted = evidence.map((id) => texts.get(id)!);
      for (const system of systems) {
        const tally = tallies.get(system.name) ?? { outcomes: [], tokens: [], latencies: [] };
        tallies.set(system.name, tally);
        const coverage: Record<string, CoverageAtBudget> = {};
        let widest: ScoredItem[] = [];
        for (const budget of budgets) {
          const started = performance.now();
          const items = await system.retrieve(question.question, at, budget);
          tally.latencies.push(performance.now() - started);
          coverage[String(budget)] = coverageAt(wanted, items, budget);
          if (budget === largest) widest = items;
        }
        tally.outcomes.push({ category: question.category, coverage });
        // full-context ignores budgets: its cost is the whole conversation, the figure budgets are compared to.
        tally.tokens.push(system.name === 'full-context' ? widest.reduce((sum, item) => sum + item.tokens, 0) : coverage[String(largest)]!.tokens);
        options.onTrace?.({
          system: system.name,
          sample_id: conversation.sampleId,
          question: question.question,
          category: question.category,
          evidence,
          items: takeUntilBudget(widest, largest).map((item) => ({ text: item.text, tokens: item.tokens })),
        });
      }
    }
  }
  const systems: Record<string, SystemFigures> = {};
  for (const [name, tally] of tallies) {
    const categories = figuresByCategory(tally.outcomes, budgets);
    systems[name] = {
      overall: roundFigures(figuresFor(tally.outcomes, budgets)),
      categories: Object.fromEntries(Object.entries(categories).map(([key, figures]) => [key, roundFigures(figures)])),
      tokens_per_query: round(tally.tokens.reduce((sum, value) => sum + value, 0) / Math.max(1, tally.tokens.length), 1),
      latency_ms: { p50: round(percentile(tally.latencies, 50), 2), p95: round(percentile(tally.latencies, 95), 2) },
    };
  }
  return { dataset: options.dataset, questions: asked, systems };
}
