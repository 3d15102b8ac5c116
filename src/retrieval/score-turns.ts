// Turn relevance without a model: BM25 on stemmed lemmas (plus vector and image similarity when configured),
// a soft boost for the speaker the question names (soft, because adversarial questions name the wrong one),
// the neighbourhood (an answer often shares no word with the question while the question before it does),
// the dates the question names, whole-session agreement, and a little recency (all of it when nothing matches).
//
// Sparse: only the turns a query term, a signal or a named date reaches get a base score, and only they and their
// neighbours a final one, so a query's work follows its posting lists rather than the user's whole history.
import type { QueryPlan } from './query-plan.ts';
import type { ScoreAccumulator } from './score-accumulator.ts';
import { ASKS, HAS_DATES, type TurnCorpus } from './turn-corpus.ts';
import { RETRIEVAL_TUNING } from './tuning.ts';

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

export const TURN_SCORING_DEFAULTS: TurnScoringOptions = RETRIEVAL_TUNING.scoring;

export interface TurnSignals {
  /** Expansion terms (from feedback) searched beside the query's own, with their weights. */
  expansion?: ReadonlyMap<string, number>;
  /** Extra evidence per turn index on the scale of the normalized lexical score (best turn = 1): vectors, images. */
  additive?: ReadonlyMap<number, number>;
}

const DAY_MS = 86_400_000;

/** Turns said in a period the query names, or naming one: a mask over turn indexes (null when none is named). */
function namedDateTurns(corpus: TurnCorpus, plan: QueryPlan): Uint8Array | null {
  if (plan.dates.length === 0) return null;
  const mask = new Uint8Array(corpus.size);
  for (const range of plan.dates) {
    const from = range.from.getTime();
    const to = range.to.getTime();
    if (corpus.timeOrdered) {
      for (let index = firstAtOrAfter(corpus, from); index < corpus.size && corpus.atOf(index) < to; index += 1) mask[index] = 1;
    } else {
      for (let index = 0; index < corpus.size; index += 1) if (corpus.atOf(index) >= from && corpus.atOf(index) < to) mask[index] = 1;
    }
    for (const index of corpus.datedTurns()) {
      const dates = corpus.datesOf(index);
      for (let p = 0; p < dates.length; p += 2) if (dates[p]! < to && dates[p + 1]! > from) mask[index] = 1;
    }
  }
  return mask;
}

function firstAtOrAfter(corpus: TurnCorpus, at: number): number {
  let lo = 0;
  let hi = corpus.size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (corpus.atOf(mid) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function baseScores(corpus: TurnCorpus, plan: QueryPlan, signals: TurnSignals, options: TurnScoringOptions, inDates: Uint8Array | null): ScoreAccumulator {
  const terms = signals.expansion ? new Map([...signals.expansion, ...plan.terms]) : plan.terms;
  const base = corpus.scratch.acquire(corpus.size);
  corpus.lexical.score(terms, base);
  const values = base.dense;
  const docs = base.docs();
  // A loop, not Math.max(...values): spreading ~140k scores overflowed the call stack.
  let best = 0;
  for (let position = 0; position < docs.length; position += 1) if (values[docs[position]!]! > best) best = values[docs[position]!]!;
  // Normalized in place (best turn = 1), before any other evidence is added.
  if (best > 0) for (let position = 0; position < docs.length; position += 1) values[docs[position]!] = values[docs[position]!]! / best;
  for (const [index, value] of signals.additive ?? []) base.add(index, value);
  if (options.dateFloor > 0 && inDates) for (let index = 0; index < inDates.length; index += 1) if (inDates[index] === 1) base.add(index, options.dateFloor);
  return base;
}

/** Which scores must be exact: the best `top` among the turns that may rank (unranked: excluded or stale, 1). */
export interface ScoreLimit {
  top: number;
  unranked: Uint8Array | null;
}

/**
 * Final scores of the turns that can rank. With a limit, turns that provably cannot reach the best `top` are
 * left unscored (0). A final score is (own + a neighbour's share) × its session's factor, at least own × factor
 * and at most (1 + largest share) × the largest own score among it and its neighbours (same session, same
 * factor) × factor. So the top-th largest own × factor of the turns that may rank, θ, bounds the top-th final
 * from below, and a turn can only place when it, or a neighbour, has own × (1 + largest share) × factor ≥ θ:
 * only those turns and their neighbours are scored. Without a limit, every turn a signal or a neighbour
 * reaches is scored.
 */
export function scoreTurns(
  corpus: TurnCorpus,
  plan: QueryPlan,
  at: Date,
  options: TurnScoringOptions = TURN_SCORING_DEFAULTS,
  signals: TurnSignals = {},
  limit?: ScoreLimit,
): ScoreAccumulator {
  const inDates = namedDateTurns(corpus, plan);
  const base = baseScores(corpus, plan, signals, options, inDates);
  const columns = corpus.columns();
  const speakers = corpus.speakerMask(plan.speakers);
  const recencyWeight = plan.present ? options.presentRecencyWeight : options.recencyWeight;
  const asked = at.getTime();
  // Past this age the recency term is under half an ulp of a factor ≥ 1: adding it changes no bit, so skip the pow.
  const recencyHorizonMs = recencyWeight > 0 ? options.recencyHalfLifeDays * (53 + Math.log2(recencyWeight)) * DAY_MS : 0;
  const values = base.dense;
  const docs = base.docs();
  // The k best own scores of each session, best first, in one flat array, filled in the same pass.
  const k = options.sessionWeight > 0 ? Math.max(0, options.sessionTop) : 0;
  const tops = new Float64Array(k > 0 ? corpus.sessions.length * k : 0);
  for (let position = 0; position < docs.length; position += 1) {
    const index = docs[position]!;
    let factor = 1;
    const speaker = columns.speaker[index]!;
    if (speaker >= 0 && speakers[speaker] === 1) factor += options.speakerBoost;
    if (inDates !== null && inDates[index] === 1) factor += options.dateBoost;
    if (plan.temporal && (columns.flags[index]! & HAS_DATES) !== 0) factor += options.temporalBoost;
    if (recencyWeight > 0 && asked - columns.at[index]! < recencyHorizonMs) {
      const ageDays = Math.max(0, (asked - columns.at[index]!) / DAY_MS);
      factor += recencyWeight * 2 ** (-ageDays / options.recencyHalfLifeDays);
    }
    const value = values[index]! * factor;
    values[index] = value;
    if (k > 0 && value > 0) keepTop(tops, columns.session[index]! * k, k, value);
  }
  const sessionFactor = sessionFactors(corpus, tops, k, options);
  const session = columns.session;
  const maxShare = Math.max(options.previousShare, options.nextShare, options.replyShare, 0);
  const theta = limit && docs.length > limit.top ? placeBound(docs, values, session, sessionFactor, limit) : 0;
  // Slack for the rounding of the products below (θ is a bound, not a score: a hair too low only scores more).
  const reach = theta * (1 - 1e-9);
  // A turn's score: its own plus the larger share of its neighbours' (a question's answer inherits the most),
  // times its session's factor.
  const scores = corpus.scratch.acquire(corpus.size);
  const final = scores.dense;
  const visit = (index: number): void => {
    if (index < 0 || final[index] !== 0) return;
    const previous = columns.previous[index]!;
    const next = columns.next[index]!;
    const share = previous >= 0 && (columns.flags[previous]! & ASKS) !== 0 ? options.replyShare : options.previousShare;
    const before = previous >= 0 ? values[previous]! * share : 0;
    const after = next >= 0 ? values[next]! * options.nextShare : 0;
    scores.set(index, (values[index]! + Math.max(before, after)) * sessionFactor[session[index]!]!);
  };
  for (let position = 0; position < docs.length; position += 1) {
    const index = docs[position]!;
    const value = values[index]!;
    if (value <= 0 || (reach > 0 && value * (1 + maxShare) * sessionFactor[session[index]!]! < reach)) continue;
    visit(index);
    visit(columns.previous[index]!);
    visit(columns.next[index]!);
  }
  return scores;
}

/** θ: the top-th largest own × session factor among the turns that may rank (0 when fewer score). */
function placeBound(docs: Int32Array, values: Float64Array, session: Int32Array, sessionFactor: Float64Array, limit: ScoreLimit): number {
  const own = new Float64Array(docs.length);
  let owned = 0;
  for (let position = 0; position < docs.length; position += 1) {
    const index = docs[position]!;
    const value = values[index]!;
    if (value > 0 && (limit.unranked === null || limit.unranked[index] !== 1)) own[owned++] = value * sessionFactor[session[index]!]!;
  }
  return owned > limit.top ? kthLargest(own.subarray(0, owned), limit.top) : 0;
}

/** The k-th largest value (1-based), by quickselect; reorders the array. */
function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i += 1;
      while (values[j]! < pivot) j -= 1;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i += 1;
        j -= 1;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target]!;
}

/** Inserts value among the k best of one session (tops[from … from + k), best first), when it is one of them. */
function keepTop(tops: Float64Array, from: number, k: number, value: number): void {
  if (value <= tops[from + k - 1]!) return;
  let at = from + k - 1;
  while (at > from && tops[at - 1]! < value) {
    tops[at] = tops[at - 1]!;
    at -= 1;
  }
  tops[at] = value;
}

/**
 * Sessions that match as a whole (the sum of their best turns, relative to the best session) lift all their
 * turns: the factor of each session, 1 + sessionWeight × its share (all 1 when none matches or k is 0).
 */
function sessionFactors(corpus: TurnCorpus, tops: Float64Array, k: number, options: TurnScoringOptions): Float64Array {
  const factors = new Float64Array(corpus.sessions.length).fill(1);
  if (k === 0) return factors;
  const sessionScores = new Float64Array(corpus.sessions.length);
  let best = 0;
  for (let ordinal = 0; ordinal < sessionScores.length; ordinal += 1) {
    let sum = 0;
    for (let slot = ordinal * k; slot < ordinal * k + k; slot += 1) sum += tops[slot]!;
    sessionScores[ordinal] = sum;
    if (sum > best) best = sum;
  }
  if (best === 0) return factors;
  for (let ordinal = 0; ordinal < factors.length; ordinal += 1) factors[ordinal] = 1 + options.sessionWeight * (sessionScores[ordinal]! / best);
  return factors;
}
