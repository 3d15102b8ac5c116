// The update phase's tuning, in one table: each value with what chose it. "Not measured" says so plainly: such a
// value is a reasoned guess, the first to revisit when a benchmark covers it. User settings (session gap, write
// budget, the pending-job limit, time zone, text limit) are not here: they live in config/ and reach this module
// through RememberConfig.
export const REMEMBER_TUNING = {
  // --- the worker (worker.ts) ---
  /**
   * Jobs run at once, across users (one user's jobs always run one after another). Not measured: two keeps one
   * job's model call in flight while another's writes commit, without queueing many requests on a local model server.
   */
  workerConcurrency: 2,
  /**
   * How long a claimed job stays leased. Must exceed the slowest model call, or a working job is taken over
   * (job_lease_lost). Not measured: set well above one model call, since a crashed worker on ANOTHER host costs at
   * most this wait (dead workers of this host are taken back at once, below).
   */
  leaseMs: 300_000,
  /** Backoff base, doubled per attempt: 1 + 2 + 4 + 8 s over jobMaxAttempts, long enough to ride out a model server restart. Not measured. */
  retryBaseMs: 1_000,
  /** Idle poll of a started worker: a live turn's job starts within this. One indexed claim query per poll. Not measured. */
  pollMs: 250,
  /** Poll of drain() between jobs (tests, ingest, replays), capped so a drain does not idle a full pollMs per job. */
  drainPollMs: 50,
  /**
   * How often a worker looks for leases held by dead workers of its own host (after kill -9): a resumed ingest waits
   * at most this, not leaseMs. One query per interval. Not measured.
   */
  deadWorkerCheckMs: 5_000,
  /**
   * Attempts per job before it is failed (retryable errors only: an unusable output fails at once). Not measured:
   * with retryBaseMs the five attempts span ~15 s.
   */
  jobMaxAttempts: 5,
  /**
   * How long a turn's job waits for its images' analysis at most (recordTurn releases it as soon as analysis ends).
   * Far above the analysis itself (BENCHMARKS.md, bench vision: ~0.3 s warm, seconds cold): only a crashed
   * recordTurn ever waits this long.
   */
  analysisHoldMs: 300_000,

  // --- backpressure (backpressure.ts) ---
  /** How often recordTurn recounts a user's queue while it waits for room. Not measured. */
  backpressurePollMs: 50,
  /** How long recordTurn waits for room before BackpressureError. Not measured: long enough for a worker to finish a few jobs. */
  backpressureTimeoutMs: 120_000,

  // --- what the prompts are shown (turn-job.ts, session-job.ts) ---
  /** Turns before the analysed one (same session) shown to remember.turn for context. Not measured. */
  contextTurns: 4,
  /** Photos of a closed session sent as images with remember.session: each costs a vision model ~0.3–1.3k prompt tokens, and the per-turn call already saw every photo whole. */
  sessionImages: 4,
  /** Semantic memories shown to remember.turn so it reuses their keys. Not measured. */
  relatedMemories: 8,
  /** Changes since the profile shown to remember.session, newest kept: a session rarely changes more. */
  sessionChanges: 8,
  /** Semantic memories searched as supersession candidates of a new one (semantic-effects.ts). Not measured. */
  supersessionCandidates: 20,
  /** Versions followed to find a memory's current one: more than any real chain of corrections between two reads. */
  maxHeadHops: 100,

  // --- batches (ingest.ts, reembed.ts, check-embedding-models.ts) ---
  /** Text-only turns stored per transaction by ingestHistory; with a worker, capped at half the pending-job limit. Not measured. */
  ingestBatchTurns: 200,
  /** Turns read per page by reembed, so a long history is never held at once (re-embedding 1,000 turns + 200 memories: 2.5 s, README). */
  reembedTurnPage: 500,
  /** How long a per-user embedding-model check is trusted before recall runs it again (the check: 15 ms, README). */
  embeddingCheckTtlMs: 60_000,
} as const;
