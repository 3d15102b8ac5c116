// The MemoryStore port: everything the rest of the system may do with storage. Every method takes the user id
// first; no method reads or writes another user's rows. Adapters: PgliteStore, PostgresStore (one SQL layer).
import type {
  EmbeddingVector,
  ImageAnalysis,
  Job,
  Memory,
  MemoryPatch,
  MemoryStatus,
  MemoryType,
  NewMemory,
  NewTurn,
  Person,
  PersonFace,
  PersonalityPoint,
  Session,
  StoredImage,
  Period,
  Turn,
  TurnEnrichment,
  User,
} from '../memory/types.ts';

export interface StoreCapabilities {
  engine: 'pglite' | 'postgres';
  /** pgvector is installed: vector search uses it; otherwise an exact scan over the user's rows. */
  vector: boolean;
  /** Why pgvector is not used, when it is not (missing extension, or exact scan forced); for `doctor`. */
  vectorUnavailableReason?: string;
  serverVersion: string;
  schemaVersion: number;
}

export interface TurnQuery {
  sessionId?: string;
  range?: Period;
  /** Only turns with seq greater than this. */
  afterSeq?: number;
  /** Only turns with seq less than this (the turns before a given one). */
  beforeSeq?: number;
  role?: 'user' | 'assistant';
  order?: 'asc' | 'desc';
  limit?: number;
  /** Only turns changed after they were stored, at a turn stamp greater than this (see User.turnStamp). */
  changedAfter?: number;
}

export interface MemoryQuery {
  types?: MemoryType[];
  /** Default: ['active']. */
  status?: MemoryStatus[];
  key?: string;
  /** Said in the range (validFrom) or about a period overlapping it (eventTime); [from, to). */
  range?: Period;
  /** Words that must all occur (any case, anywhere) in the content, the key or a keyword. */
  text?: string;
  limit?: number;
  /** Rows of the ordered list to skip: pages of `limit`. */
  offset?: number;
}

/**
 * What the recall view derives from a memory to index it (retrieval/memory-corpus.ts), stored with the memory so
 * that a cold view reads it instead of deriving it again. The store keeps it as given; the view reads only an
 * entry whose key is its own (the derivation's version and time zone).
 */
export interface MemoryIndexEntry {
  key: string;
  /** The lexical terms of the memory's content and keywords. */
  terms: string[];
  /** Tokens of the memory's rendered recall item. */
  tokens: number;
}

/** A memory with its stored index entry: null where none was derived yet, or the memory changed since. */
export interface MemoryWithIndexEntry {
  memory: Memory;
  indexEntry: MemoryIndexEntry | null;
}

/**
 * What changed in a user's memories of some types since a memory stamp (User.memoryStamp), read in one statement,
 * so at one moment: a cache that saw every memory up to that stamp is brought up to date from it alone.
 */
export interface MemoryChanges {
  /**
   * Every memory of the types written after the stamp, whatever its status now (active, superseded, retired), with
   * the stamp of its last write (a cache that holds a newer state of it keeps that one).
   */
  changed: (MemoryWithIndexEntry & { stamp: number })[];
  /**
   * How many memories of the types the user has by type and status at the same moment: a forgotten memory leaves
   * no row to read, and a cache that holds more of them than these counts holds one that was deleted.
   */
  counts: { type: MemoryType; status: MemoryStatus; count: number }[];
}

/** An index entry derived from a memory as it was at `updatedAt`. */
export interface DerivedIndexEntry {
  id: string;
  updatedAt: Date;
  entry: MemoryIndexEntry;
}

export type SearchTarget = 'memories' | 'turns';

export interface VectorSearchQuery {
  vector: number[];
  /** The embedding model the query vector came from; rows from other models are never compared. */
  model: string;
  target: SearchTarget | 'images';
  types?: MemoryType[];
  range?: Period;
  limit?: number;
}

export interface VectorHit {
  target: SearchTarget | 'images';
  id: string;
  /** Cosine distance, 0 = same direction. */
  distance: number;
}

export interface DeleteUserReport {
  userId: string;
  rowsDeleted: Record<string, number>;
  blobsDeleted: number;
  /** Rows or blobs still found after deletion; must be empty. */
  leftovers: string[];
}

export interface ExportReport {
  userId: string;
  directory: string;
  counts: Record<string, number>;
}

export interface ImportReport {
  userId: string;
  counts: Record<string, number>;
}

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  dedupeKey: string;
  runAfter?: Date;
  maxAttempts?: number;
}

export interface UserRepository {
  ensure(userId: string, metadata?: Record<string, unknown>): Promise<User>;
  get(userId: string): Promise<User | null>;
  /** Operator view: every user, by id. The only unscoped read, used by admin tools. */
  list(): Promise<User[]>;
  delete(userId: string): Promise<DeleteUserReport>;
}

export interface SessionRepository {
  create(userId: string, startedAt: Date): Promise<Session>;
  get(userId: string, sessionId: string): Promise<Session | null>;
  /** The newest session that is not closed, if any. */
  current(userId: string): Promise<Session | null>;
  close(userId: string, sessionId: string, closedAt: Date): Promise<Session>;
  list(userId: string, range?: Period): Promise<Session[]>;
}

export interface TurnRepository {
  /** Stores the turn and bumps the session's lastTurnAt/turnCount in one transaction. */
  append(userId: string, turn: NewTurn): Promise<Turn>;
  /** Turns of one session in one transaction and a fixed number of statements (bulk import); in order. */
  appendMany(userId: string, turns: readonly NewTurn[]): Promise<Turn[]>;
  /**
   * The user's turn with this externalId (the client's own id), or null. Inside a transaction it first locks the
   * user's row, so a concurrent append of the same id waits and then finds this one: retries never duplicate.
   */
  byExternalId(userId: string, externalId: string): Promise<Turn | null>;
  get(userId: string, turnId: string): Promise<Turn | null>;
  getMany(userId: string, turnIds: string[]): Promise<Turn[]>;
  list(userId: string, query?: TurnQuery): Promise<Turn[]>;
  setEnrichment(userId: string, turnId: string, enrichment: TurnEnrichment): Promise<void>;
  setEmbedding(userId: string, turnId: string, embedding: EmbeddingVector): Promise<void>;
}

export interface ImageRepository {
  /** Content-addressed: the same bytes twice give the same row. Validation is the vision module's job. */
  put(userId: string, bytes: Uint8Array, meta: { mime: string; width: number; height: number }): Promise<StoredImage>;
  get(userId: string, sha256: string): Promise<StoredImage | null>;
  readBytes(userId: string, sha256: string): Promise<Uint8Array>;
  list(userId: string): Promise<StoredImage[]>;
  /**
   * Up to `perPerson` faces of each of the user's persons, newest photo first (in a photo, in detection order),
   * read from the analyses in the database: no image row, analysis or face descriptor comes back.
   */
  personFaces(userId: string, perPerson: number): Promise<PersonFace[]>;
  setAnalysis(userId: string, sha256: string, analysis: ImageAnalysis): Promise<void>;
  setEmbedding(userId: string, sha256: string, embedding: EmbeddingVector): Promise<void>;
}

export interface MemoryRepository {
  add(userId: string, memory: NewMemory): Promise<Memory>;
  get(userId: string, memoryId: string): Promise<Memory | null>;
  getMany(userId: string, memoryIds: string[]): Promise<Memory[]>;
  /** Ordered by when they are about (else said), then key, then content: the same memories, the same order. */
  list(userId: string, query?: MemoryQuery): Promise<Memory[]>;
  /** `list`, each memory with its stored index entry (the recall view reads it instead of deriving it). */
  listWithIndexEntries(userId: string, query?: MemoryQuery): Promise<MemoryWithIndexEntry[]>;
  /**
   * Stores derived index entries where the memory is still as it was when derived (its updatedAt: every change
   * moves it and clears the entry); returns how many were stored. Not a change of the memory (no new version,
   * updatedAt and the memory stamp stay).
   */
  setIndexEntries(userId: string, entries: readonly DerivedIndexEntry[]): Promise<number>;
  /** The memories of `types` changed after `afterStamp` (a User.memoryStamp), and the counts by type and status, at one moment. */
  changes(userId: string, query: { types: MemoryType[]; afterStamp: number }): Promise<MemoryChanges>;
  /** How many memories `list` would give with no limit or offset. */
  count(userId: string, query?: MemoryQuery): Promise<number>;
  /** Edits in place a user-facing correction; the previous content is kept as a superseded version. */
  edit(userId: string, memoryId: string, patch: MemoryPatch): Promise<Memory>;
  /** Marks `memoryId` superseded by a new memory, in one transaction; the old row is kept as history. */
  supersede(userId: string, memoryId: string, replacement: NewMemory, bySourceTurnId: string | null): Promise<Memory>;
  /**
   * Merges system annotations into an active memory's detail (e.g. outdatedBy: a fact it states was superseded)
   * without a new version: the content is unchanged, so no history is written; updatedAt moves (stamps change).
   */
  annotate(userId: string, memoryId: string, detail: Record<string, unknown>): Promise<Memory>;
  /**
   * Ends an active memory that is no longer true and has no replacement (a habit dropped, a goal reached): status
   * retired, validTo = at, the turn that retired it kept; the row stays as history (list with status ['retired']).
   */
  retire(userId: string, memoryId: string, byTurnId: string | null, at: Date): Promise<Memory>;
  /** The chain of versions that led to this memory, oldest first, the memory itself last. */
  history(userId: string, memoryId: string): Promise<Memory[]>;
  /** Deletes the memory, its versions and its vectors. */
  forget(userId: string, memoryId: string): Promise<void>;
  setEmbedding(userId: string, memoryId: string, embedding: EmbeddingVector): Promise<void>;
}

export interface SearchRepository {
  vector(userId: string, query: VectorSearchQuery): Promise<VectorHit[]>;
}

/** One embedding model's vectors on one target, for one user. */
export interface EmbeddingModelCount {
  target: SearchTarget | 'images';
  model: string;
  dimensions: number;
  count: number;
}

/** Rows that have vectors of other models but none of the model asked about: invisible to its vector search. */
export interface UncoveredRows {
  target: SearchTarget | 'images';
  /** Distinct rows (memories: active ones only). */
  count: number;
  /** The other models those rows have vectors of, sorted. */
  models: string[];
}

/** What vectors a user has, by model: switching embedders re-embeds or refuses, and never mixes models. */
export interface EmbeddingRepository {
  /** Every (target, model, dimensions) of the user's vectors with its count, sorted by target then model. */
  models(userId: string): Promise<EmbeddingModelCount[]>;
  /** Which of `targetIds` already have a vector of `model` (re-embedding skips them, so it resumes). */
  existing(userId: string, target: SearchTarget | 'images', model: string, targetIds: string[]): Promise<string[]>;
  /** Per target, rows with a vector of another model and none of `model`; targets with none are left out. */
  uncovered(userId: string, model: string, targets: (SearchTarget | 'images')[]): Promise<UncoveredRows[]>;
  /** Deletes the user's vectors of `model` on `targets` (default: all three); returns how many were deleted. */
  deleteModel(userId: string, model: string, targets?: (SearchTarget | 'images')[]): Promise<number>;
}

export interface PersonalityRepository {
  append(userId: string, point: Omit<PersonalityPoint, 'userId'>): Promise<PersonalityPoint>;
  latest(userId: string): Promise<PersonalityPoint | null>;
  history(userId: string): Promise<PersonalityPoint[]>;
}

/** A person cluster as the update phase writes it; the name is set only through rename. */
export interface PersonClusterInput {
  id: string;
  centroid: number[];
  count: number;
}

/** Per-user person identities (face clusters), named by the user. */
export interface PersonRepository {
  /**
   * The user's persons, by id. lock: inside store.transaction(), also locks the user's row, so two turns of the
   * same user recorded at once cluster their faces one after the other instead of founding the same id twice.
   */
  list(userId: string, options?: { lock?: boolean }): Promise<Person[]>;
  /** Inserts new clusters and updates the centroid and count of existing ones; names are kept. */
  upsertMany(userId: string, persons: PersonClusterInput[]): Promise<void>;
  /** Names (or, with null, unnames) a person; throws NotFoundError for an unknown id. */
  rename(userId: string, personId: string, name: string | null): Promise<Person>;
}

export interface JobPage {
  order?: 'asc' | 'desc';
  limit?: number;
}

export interface JobRepository {
  /** Returns the existing job when (userId, dedupeKey) is already queued or done. */
  enqueue(userId: string, job: NewJob): Promise<Job>;
  /** Several jobs in one statement (bulk import); keys already queued or done are skipped. Returns how many were new. */
  enqueueMany(userId: string, jobs: readonly NewJob[]): Promise<number>;
  /**
   * Claims due jobs of any user (FOR UPDATE SKIP LOCKED), leased to workerId for leaseMs: at most one per user, its
   * oldest unfinished job, and none of a user whose oldest is running or not yet due (per-user order, every process).
   */
  claim(workerId: string, limit: number, leaseMs: number, now?: Date, userId?: string): Promise<Job[]>;
  /** Operator view: the workers holding leases on running jobs now (any user), for recovering a dead one's. */
  leaseHolders(): Promise<string[]>;
  /** Ends the leases these workers hold at once (they are known dead): their jobs are claimable again. */
  expireLeases(workerIds: string[], now?: Date): Promise<number>;
  /**
   * Puts failed jobs back in the queue (all the user's failed ones, or those of `jobIds`) with fresh attempts; their
   * last error stays until a new attempt replaces it. Returns how many were requeued.
   */
  requeue(userId: string, jobIds?: string[]): Promise<number>;
  /** Makes a pending job due now (a job queued to wait, e.g. for its turn's images to be analysed). */
  runNow(userId: string, dedupeKey: string): Promise<void>;
  complete(userId: string, jobId: string, workerId: string): Promise<void>;
  /** retryAt null: give up (status failed). */
  fail(userId: string, jobId: string, workerId: string, error: string, retryAt: Date | null): Promise<void>;
  /** In queue order (page.order 'desc': newest first); page.limit caps them (a user with 100k turns has 100k done jobs). */
  list(userId: string, status?: Job['status'][], page?: JobPage): Promise<Job[]>;
  /** Count of jobs not yet done, for backpressure and drain(). */
  pendingCount(userId?: string): Promise<number>;
}

/** A user's recall view as saved (retrieval/view-snapshot.ts) and the key of the user state it reflects. */
export interface SavedRecallView {
  key: string;
  data: Uint8Array;
}

/** Derived data: a cold process loads the saved view instead of reading and indexing every turn. */
export interface RecallViewRepository {
  load(userId: string): Promise<SavedRecallView | null>;
  /** Replaces the user's saved view. */
  save(userId: string, view: SavedRecallView): Promise<void>;
}

/** A user's memory view as saved (retrieval/memory-snapshot.ts), its key, and the memory stamp it was read at. */
export interface SavedMemoryView {
  key: string;
  memoryStamp: number;
  data: Uint8Array;
}

/**
 * Derived data: a cold process loads the saved memory view and reads only the memories written since its stamp.
 * It holds memory text: a forget makes it unreadable in the forget's own transaction and deletes its file.
 */
export interface MemoryViewRepository {
  load(userId: string): Promise<SavedMemoryView | null>;
  /** Replaces the user's saved memory view; false (nothing kept) when the user's memory stamp is no longer its own. */
  save(userId: string, view: SavedMemoryView): Promise<boolean>;
}

export interface MemoryStore {
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly turns: TurnRepository;
  readonly images: ImageRepository;
  readonly memories: MemoryRepository;
  readonly search: SearchRepository;
  readonly embeddings: EmbeddingRepository;
  readonly personality: PersonalityRepository;
  readonly persons: PersonRepository;
  readonly jobs: JobRepository;
  readonly recallViews: RecallViewRepository;
  readonly memoryViews: MemoryViewRepository;

  /** Opens the connection and runs pending migrations. Constructors do no I/O; this does. Idempotent. */
  open(): Promise<void>;
  capabilities(): Promise<StoreCapabilities>;
  /** Runs fn with repositories bound to one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (store: MemoryStore) => Promise<T>): Promise<T>;
  exportUser(userId: string, directory: string): Promise<ExportReport>;
  importUser(directory: string, options?: { asUserId?: string }): Promise<ImportReport>;
  close(): Promise<void>;
}
