// `bench locomo --mode tune`: the ranking constants checked by leave-one-conversation-out on the LoCoMo split
// (loo-search.ts). The conversations are replayed once; every setting is then scored over the owners' recall
// views directly (recallOnView, the engine recall runs), so a setting costs its queries, not a replay.
import type { LocomoConversation } from '../../datasets/locomo/load-locomo.ts';
import type { Bm25Options } from '../../retrieval/bm25.ts';
import { recallOnView } from '../../retrieval/recall-view.ts';
import { RETRIEVER_DEFAULTS, type RetrieverOptions } from '../../retrieval/retriever.ts';
import type { Signals } from '../../retrieval/vector-signals.ts';
import type { MemoryCorpus } from '../../retrieval/memory-corpus.ts';
import type { TurnCorpus } from '../../retrieval/turn-corpus.ts';
import { figuresByCategory, figuresFor, type QuestionOutcome, type RecallFigures } from './aggregate.ts';
import { coverageAt } from './coverage.ts';
import { splitEvidence } from './evidence.ts';
import { cachedEvaluate, leaveOneOut, coordinateSearch, type Fold, type Knob, type Setting } from './loo-search.ts';
import { evidenceTexts, lastTurnTime } from './run-retrieval.ts';

/** What each knob may take. Values around the hand-set defaults (tuning.ts), coarse enough to mean something. */
export const LEXICAL_KNOBS: readonly Knob[] = [
  { path: 'bm25.k1', values: [0.9, 1.2, 1.6, 2.0] },
  { path: 'bm25.b', values: [0.5, 0.75, 0.9] },
  { path: 'plan.bigramWeight', values: [0, 0.25, 0.5, 1] },
  { path: 'plan.synonymWeight', values: [0, 0.25, 0.5, 1] },
  { path: 'plan.nameWeight', values: [0, 0.2, 0.5] },
  { path: 'plan.fuzzy.weight', values: [0, 0.5, 0.8, 1] },
  { path: 'scoring.speakerBoost', values: [0, 0.25, 0.5, 1] },
  { path: 'scoring.previousShare', values: [0.1, 0.3, 0.5] },
  { path: 'scoring.nextShare', values: [0.1, 0.3, 0.5] },
  { path: 'scoring.replyShare', values: [0.5, 0.9, 1.2] },
  { path: 'scoring.dateBoost', values: [0, 1, 2, 4] },
  { path: 'scoring.temporalBoost', values: [0, 0.2, 0.5] },
  { path: 'scoring.sessionWeight', values: [0, 0.5, 1, 2] },
  { path: 'scoring.sessionTop', values: [1, 3, 5] },
  { path: 'scoring.recencyWeight', values: [0, 0.1, 0.3] },
  { path: 'feedback.turns', values: [0, 5, 10, 20] },
  { path: 'feedback.terms', values: [10, 20, 40] },
  { path: 'feedback.weight', values: [0.15, 0.3, 0.5] },
  { path: 'answerAfter', values: [false, true] },
];

/** With an embedder: how its similarities join the lexical score. */
export const VECTOR_KNOBS: readonly Knob[] = [
  { path: 'vectorFusion', values: ['similarity', 'rank'] },
  { path: 'vectorWeight', values: [0, 0.05, 0.1, 0.15, 0.25, 0.5, 1] },
  { path: 'vectorLimit', values: [20, 50, 100, 200] },
];

/** The value at a path of the options ("scoring.sessionWeight"). */
function valueAt(options: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], options);
}

/** The defaults of the knobs, as a Setting (the search starts there). */
export function defaultsOf(knobs: readonly Knob[], base: RetrieverOptions = RETRIEVER_DEFAULTS): Setting {
  return Object.fromEntries(knobs.map((knob) => [knob.path, valueAt(base, knob.path) as number | boolean | string]));
}

/** The options with a setting applied: each path replaced in a copy, nothing else shared with the defaults. */
export function optionsWith(setting: Setting, base: RetrieverOptions = RETRIEVER_DEFAULTS): RetrieverOptions {
  const options = structuredClone(base);
  for (const [path, value] of Object.entries(setting)) {
    const keys = path.split('.');
    const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, options as unknown as Record<string, unknown>);
    const last = keys.at(-1)!;
    if (!(last in parent)) throw new Error(`No ranking option "${path}"`);
    parent[last] = value;
  }
  return options;
}

export interface TuneQuestion {
  question: string;
  category: number;
  wanted: string[];
}

/** A conversation ready to ask: its questions with the texts of their evidence turns, and the time of asking. */
export interface PreparedConversation {
  sampleId: string;
  at: Date;
  questions: TuneQuestion[];
}

export function prepare(conversation: LocomoConversation): PreparedConversation {
  const texts = evidenceTexts(conversation);
  const known = new Set(texts.keys());
  const questions = conversation.questions.flatMap((question) => {
    const evidence = splitEvidence(question.evidence, known);
    return evidence.length === 0 ? [] : [{ question: question.question, category: question.category, wanted: evidence.map((id) => texts.get(id)!) }];
  });
  return { sampleId: conversation.sampleId, at: lastTurnTime(conversation), questions };
}

/** The replayed owners, as the tuner reads them. */
export interface TuneSubject {
  /** The owner's recall view, indexed with these BM25 constants (built once per distinct pair). */
  view(sampleId: string, bm25: Bm25Options): Promise<{ turns: TurnCorpus; memories: MemoryCorpus }>;
  /** Vector evidence for a question under these options; none without an embedder. */
  signals(sampleId: string, question: string, at: Date, view: { turns: TurnCorpus; memories: MemoryCorpus }, options: RetrieverOptions): Promise<Signals | undefined>;
}

/** Coverage of each question of a conversation at each budget, under a setting. */
export async function outcomesOf(subject: TuneSubject, conversation: PreparedConversation, setting: Setting, budgets: readonly number[], base: RetrieverOptions = RETRIEVER_DEFAULTS): Promise<QuestionOutcome[]> {
  const options = optionsWith(setting, base);
  const view = await subject.view(conversation.sampleId, options.bm25);
  const outcomes: QuestionOutcome[] = [];
  for (const question of conversation.questions) {
    const signals = await subject.signals(conversation.sampleId, question.question, conversation.at, view, options);
    const coverage: QuestionOutcome['coverage'] = {};
    for (const budget of budgets) {
      const result = recallOnView(view, { userId: conversation.sampleId, query: question.question, at: conversation.at, budgetTokens: budget }, options, signals);
      coverage[String(budget)] = coverageAt(question.wanted, result.items, budget);
    }
    outcomes.push({ category: question.category, coverage });
  }
  return outcomes;
}

export interface HeldOutFigures {
  overall: RecallFigures;
  categories: Record<string, RecallFigures>;
}

export interface TuneFold extends Fold {
  /** The held-out conversation under the defaults and under what the others chose. */
  defaults: HeldOutFigures;
  tuned: HeldOutFigures;
}

export interface TuneReport {
  dataset: string;
  system: string;
  /** strict@2000, or strict@500+2000 for the mean over several budgets. */
  objective: string;
  objectiveBudgets: number[];
  passes: number;
  knobs: Knob[];
  questions: number;
  folds: TuneFold[];
  /** Every held-out conversation scored with the setting its fold chose: the headline figure. */
  leaveOneOut: { defaults: HeldOutFigures; tuned: HeldOutFigures };
  /** The search on every conversation at once (in-sample: what would go into tuning.ts). */
  allData: { setting: Setting; score: number };
  /** Distinct (setting, conversation) pairs scored. */
  evaluations: number;
}

export interface TuneRunOptions {
  dataset: string;
  system: string;
  conversations: readonly LocomoConversation[];
  subject: TuneSubject;
  knobs: readonly Knob[];
  budgets: readonly number[];
  /** Strict recall at these budgets, every question at each, is what the search maximises. */
  objectiveBudgets: readonly number[];
  passes: number;
  base?: RetrieverOptions;
  onProgress?: (line: string) => void;
}

function heldOutFigures(outcomes: readonly QuestionOutcome[], budgets: readonly number[]): HeldOutFigures {
  return { overall: figuresFor(outcomes, budgets), categories: figuresByCategory(outcomes, budgets) };
}

export async function runLooTuning(options: TuneRunOptions): Promise<TuneReport> {
  const base = options.base ?? RETRIEVER_DEFAULTS;
  const prepared = new Map(options.conversations.map((conversation) => [conversation.sampleId, prepare(conversation)]));
  const ids = [...prepared.keys()];
  const evaluate = cachedEvaluate(async (setting, sampleId) => {
    const outcomes = await outcomesOf(options.subject, prepared.get(sampleId)!, setting, options.objectiveBudgets, base);
    return outcomes.flatMap((outcome) => options.objectiveBudgets.map((budget) => outcome.coverage[String(budget)]!.strict));
  });
  const defaults = defaultsOf(options.knobs, base);
  const objective = `strict@${options.objectiveBudgets.join('+')}`;
  const folds = await leaveOneOut(options.knobs, defaults, evaluate, ids, options.passes, (fold) =>
    options.onProgress?.(`held out ${fold.heldOut}: chose ${JSON.stringify(fold.setting)} (train ${objective} ${fold.trainScore.toFixed(4)}; ${evaluate.size} scored so far)`),
  );
  const allData = await coordinateSearch(options.knobs, defaults, evaluate, ids, options.passes);
  options.onProgress?.(`all conversations: chose ${JSON.stringify(allData.setting)} (${objective} ${allData.score.toFixed(4)})`);
  const tunedFolds: TuneFold[] = [];
  const pooledDefaults: QuestionOutcome[] = [];
  const pooledTuned: QuestionOutcome[] = [];
  for (const fold of folds) {
    const conversation = prepared.get(fold.heldOut)!;
    const atDefaults = await outcomesOf(options.subject, conversation, {}, options.budgets, base);
    const atTuned = await outcomesOf(options.subject, conversation, fold.setting, options.budgets, base);
    pooledDefaults.push(...atDefaults);
    pooledTuned.push(...atTuned);
    tunedFolds.push({ ...fold, defaults: heldOutFigures(atDefaults, options.budgets), tuned: heldOutFigures(atTuned, options.budgets) });
  }
  return {
    dataset: options.dataset,
    system: options.system,
    objective,
    objectiveBudgets: [...options.objectiveBudgets],
    passes: options.passes,
    knobs: [...options.knobs],
    questions: pooledTuned.length,
    folds: tunedFolds,
    leaveOneOut: { defaults: heldOutFigures(pooledDefaults, options.budgets), tuned: heldOutFigures(pooledTuned, options.budgets) },
    allData: { setting: allData.setting, score: allData.score },
    evaluations: evaluate.size,
  };
}
