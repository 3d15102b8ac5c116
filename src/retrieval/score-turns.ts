// Turn relevance without a model: BM25 on stemmed lemmas (plus vector and image similarity when configured),
// a soft boost for the speaker the question names (soft, because adversarial questions name the wrong one),
// the neighbourhood (an answer often shares no word with the question while the question before it does),
// the dates the question names, whole-session agreement, and a little recency (all of it when nothing matches).
import type { QueryPlan } from './query-plan.ts';
import type { TurnCorpus } from './turn-corpus.ts';

export interface TurnScoringOptions {
  speakerBoost: number;
  /** Shares of the previous / next turn's score a turn inherits (same session only). */
  previousShare: number;
  nextShare: number;
  /** Share of the previous turn's score when that turn asks a question: this turn is likely its answer. */
  replyShare: number;
  /** Multiplier growth for a turn whose time or resolved dates overlap a date the query names. */
  dateBoost: number;
  /** Score a turn gets for being in (or naming) a date the query names, even with no word in common. */
  dateFloor: number;
  /** Multiplier growth for a turn that states a date, when the query asks "when". */
  temporalBoost: number;
  /** Multiplier growth for turns of sessions that match as a whole (sum of their best turns, relative to the best session). */
  sessionWeight: number;
  /** How many of a session's best turns make its score. */
  sessionTop: number;
  /** Multiplier growth for the newest turns, halving every recencyHalfLifeDays before the time of asking. */
  recencyWeight: number;
  recencyHalfLifeDays: number;
  /** recencyWeight for a question about the present ("where do I work now?"): what was said lately counts most. */
  presentRecencyWeight: number;
}

export const TURN_SCORING_DEFAULTS: TurnScoringOptions = {
  speakerBoost: 0.5,
  previousShare: 0.3,
  nextShare: 0.3,
  replyShare: 0.9,
  dateBoost: 2,
  dateFloor: 0.1,
  temporalBoost: 0.2,
  sessionWeight: 1,
  sessionTop: 3,
  recencyWeight: 0.1,
  recencyHalfLifeDays: 7,
  // A present-tense question must prefer the newer of two contradicting turns (the recorded scenarios,
  // src/scenarios). 4 of LoCoMo's 997 dev questions carry a cue; its figures are unchanged (0.7713 / 0.8245 /
  // 0.8616 / 0.8957 strict @500–4000 before and after).
  presentRecencyWeight: 1,
};

export interface TurnSignals {
  /** Expansion terms (from feedback) searched beside the query's own, with their weights. */
  expansion?: ReadonlyMap<string, number>;
  /** Extra evidence per turn index on the scale of the normalized lexical score (best turn = 1): vectors, images. */
  additive?: ReadonlyMap<number, number>;
}

const DAY_MS = 86_400_000;

function overlaps(from: Date, to: Date, ranges: QueryPlan['dates']): boolean {
  return ranges.some((range) => from < range.to && to > range.from);
}

function baseScores(corpus: TurnCorpus, plan: QueryPlan, signals: TurnSignals, options: TurnScoringOptions): Float64Array {
  const base = new Float64Array(corpus.turns.length);
  const terms = signals.expansion ? new Map([...signals.expansion, ...plan.terms]) : plan.terms;
  const lexical = corpus.lexical.score(terms);
  // A loop, not Math.max(...values): spreading ~140k scores overflowed the call stack.
  let best = 0;
  for (const score of lexical.values()) if (score > best) best = score;
  if (best > 0) for (const [index, score] of lexical) base[index] = score / best;
  for (const [index, value] of signals.additive ?? []) base[index] = base[index]! + value;
  if (options.dateFloor > 0) for (const entry of corpus.turns) if (inNamedDates(entry, plan)) base[entry.index] = base[entry.index]! + options.dateFloor;
  return base;
}

function inNamedDates(entry: TurnCorpus['turns'][number], plan: QueryPlan): boolean {
  if (plan.dates.length === 0) return false;
  const said = entry.turn.at;
  return overlaps(said, new Date(said.getTime() + 1), plan.dates) || entry.dates.some((date) => overlaps(date.from, date.to, plan.dates));
}

function factorOf(corpus: TurnCorpus, index: number, plan: QueryPlan, at: Date, options: TurnScoringOptions): number {
  const entry = corpus.turns[index]!;
  let factor = 1;
  if (entry.speakerKey && plan.speakers.has(entry.speakerKey)) factor += options.speakerBoost;
  if (inNamedDates(entry, plan)) factor += options.dateBoost;
  if (plan.temporal && entry.dates.length > 0) factor += options.temporalBoost;
  const recencyWeight = plan.present ? options.presentRecencyWeight : options.recencyWeight;
  if (recencyWeight > 0) {
    const ageDays = Math.max(0, (at.getTime() - entry.turn.at.getTime()) / DAY_MS);
    factor += recencyWeight * 2 ** (-ageDays / options.recencyHalfLifeDays);
  }
  return factor;
}

export function scoreTurns(
  corpus: TurnCorpus,
  plan: QueryPlan,
  at: Date,
  options: TurnScoringOptions = TURN_SCORING_DEFAULTS,
  signals: TurnSignals = {},
): Float64Array {
  const base = baseScores(corpus, plan, signals, options);
  for (let index = 0; index < base.length; index += 1) base[index] = base[index]! * factorOf(corpus, index, plan, at, options);
  const scores = new Float64Array(base);
  for (const session of corpus.sessions) {
    session.forEach((entry, position) => {
      const previous = session[position - 1];
      const share = previous?.turn.text.includes('?') ? options.replyShare : options.previousShare;
      const before = previous ? base[previous.index]! * share : 0;
      const after = position + 1 < session.length ? base[session[position + 1]!.index]! * options.nextShare : 0;
      scores[entry.index] = base[entry.index]! + Math.max(before, after);
    });
  }
  if (options.sessionWeight > 0) applySessionWeight(corpus, base, scores, options);
  return scores;
}

function applySessionWeight(corpus: TurnCorpus, base: Float64Array, scores: Float64Array, options: TurnScoringOptions): void {
  const sessionScores = corpus.sessions.map((session) => sumOfTop(session, base, options.sessionTop));
  const best = sessionScores.reduce((max, score) => Math.max(max, score), 0);
  if (best === 0) return;
  corpus.sessions.forEach((session, ordinal) => {
    const factor = 1 + options.sessionWeight * (sessionScores[ordinal]! / best);
    for (const entry of session) scores[entry.index] = scores[entry.index]! * factor;
  });
}

/** Sum of the k highest base scores of a session, in one pass (no sort of the whole session). */
function sumOfTop(session: readonly { index: number }[], base: Float64Array, k: number): number {
  if (k <= 0) return 0;
  const top: number[] = [];
  for (const entry of session) {
    const value = base[entry.index]!;
    if (top.length < k) {
      top.push(value);
      top.sort((a, b) => b - a);
    } else if (value > top[k - 1]!) {
      top[k - 1] = value;
      top.sort((a, b) => b - a);
    }
  }
  return top.reduce((sum, value) => sum + value, 0);
}
