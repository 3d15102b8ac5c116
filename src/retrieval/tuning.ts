// Every ranking constant of recall, in one table, with what chose it. The modules that use them keep their
// option types and read their defaults from here; nothing else in retrieval/ holds a tuned number.
//
// How they were set. Until 2026-12-02 by hand, on the whole LoCoMo dev split (in-sample: a held-out split
// outside the project read strict@2000 0.835 against 0.862 here). Since then `bench locomo --mode tune`
// (bench/locomo/tune-retrieval.ts) checks them by leave-one-conversation-out: for each dev conversation, a
// coordinate search over the knobs in its search space chooses values on the other four, and the held-out
// conversation is scored with them; the headline is that held-out figure (BENCHMARKS.md § 1). A value changes
// here only when most folds choose it and the leave-one-out figure rises; "LOO" below names that run.
//
// Not tuned here: the user's settings (memory.timeZone, in config/), resource bounds (maxCachedUsers) and
// layout constants that change no ranking (posting tail sizes, caches, page sizes).
import type { RetrieverOptions } from './retriever.ts';

/** The ranking part of RetrieverOptions: what a tuning run may change. */
export type RankingTuning = Omit<RetrieverOptions, 'maxCachedUsers' | 'timeZone'>;

export const RETRIEVAL_TUNING: RankingTuning = {
  // Okapi's textbook values; k1 and b are in the LOO search space.
  bm25: { k1: 1.2, b: 0.75 },
  plan: {
    // A speaker's name as a plain word: low, because the other speaker says it too ("Hey Caroline!"); names are
    // matched as speakers instead (scoring.speakerBoost). By hand, 2026-11-24.
    nameWeight: 0.2,
    // WordNet synonyms of query words the user never wrote, from one sense; 0.5 by hand (2026-11-24). Expanding
    // words the user did write (synonymMaxDocumentFrequency > 0) only added noise.
    synonymWeight: 0.5,
    synonymSenses: 1,
    synonymMaxDocumentFrequency: 0,
    // Consecutive query words found together in a turn. By hand, 2026-11-24.
    bigramWeight: 0.5,
    // Typo tolerance ("fesetival"): near matches weigh 0.8 of a word; words under 5 letters have too many
    // neighbours at distance 1. By hand, 2026-11-24, on the misspelt LoCoMo questions.
    fuzzy: { weight: 0.8, minLength: 5 },
  },
  scoring: {
    // Soft, because adversarial questions name the wrong speaker. By hand, 2026-11-24.
    speakerBoost: 0.5,
    // An answer often shares no word with the question while the turn before it does. By hand, 2026-11-24.
    previousShare: 0.3,
    nextShare: 0.3,
    replyShare: 0.9,
    // A date the question names: its turns' scores triple and reach at least 0.1 with no word in common.
    dateBoost: 2,
    dateFloor: 0.1,
    temporalBoost: 0.2,
    // Whole-session agreement: the sum of a session's 3 best turns, relative to the best session.
    sessionWeight: 1,
    sessionTop: 3,
    // A small recency prior: neutral on LoCoMo, breaks ties toward the recent (2026-11-24).
    recencyWeight: 0.1,
    recencyHalfLifeDays: 7,
    // A present-tense question must prefer the newer of two contradicting turns (the recorded scenarios,
    // src/bench/scenarios). 4 of LoCoMo's 997 dev questions carry a cue; its figures are unchanged (0.7713 /
    // 0.8245 / 0.8616 / 0.8957 strict @500–4000 before and after).
    presentRecencyWeight: 1,
  },
  // Pseudo-relevance feedback from the 10 best turns, 20 terms at 0.3 of a query word: dev strict@2000 0.850 →
  // 0.859, multi-hop 0.41 → 0.46 (2026-11-24, in-sample).
  feedback: { turns: 10, terms: 20, weight: 0.3 },
  // Memories may take up to 30% of the budget; LoCoMo without a model has no memories, so no run measures it.
  memoryShare: 0.3,
  answerAfter: true,
  // The ranked head packing reads: 2,048 turns or the budget in tokens. Changes no pack on LoCoMo (a
  // conversation has fewer turns) and 1 in 100 at 10k synthetic turns (2026-12-02, bench recall-latency).
  minRanked: 2048,
  // An episode's topic lends half its score to its dialogue. Not measurable without a model (no memories).
  memoryToTurnShare: 0.5,
  // Vector similarity beside the normalized lexical score, and hits asked per target: by hand, before any
  // embedder was measured; the LOO run with an embedder sets them (bench locomo --mode tune with --embedder).
  vectorWeight: 0.5,
  vectorLimit: 50,
  vectorFusion: 'similarity',
  // Reciprocal-rank fusion of dialogue and memories: the customary k = 60 (Cormack et al. 2009).
  memoryFusionK: 60,
  // Currency (retrieval/currency.ts): chosen on the recorded scenarios (src/bench/scenarios), where a stale turn
  // must rank under the fact that replaced it; LoCoMo has no superseded memories, so its figures cannot move.
  outdatedFactor: 0.5,
  staleTurnFactor: 0.5,
  staleLiftTop: 20,
};
