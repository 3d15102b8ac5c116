// Domain types shared by every capability. Plain data: no methods, no I/O.

export const MEMORY_TYPES = ['core', 'semantic', 'episodic', 'procedural'] as const;
export type MemoryType = (typeof MEMORY_TYPES)[number];

/** What a recalled item is: a kind of memory, a window of dialogue, or an image. */
export type RecallSource = MemoryType | 'dialogue' | 'image';

/**
 * active: live; superseded: replaced by a newer version (kept as history); retired: no longer true and not replaced
 * (a habit given up, a goal reached), kept as history with its end (validTo) and the turn that ended it.
 * Forgotten is never stored: forget deletes.
 */
export const MEMORY_STATUSES = ['active', 'superseded', 'retired'] as const;
export type MemoryStatus = (typeof MEMORY_STATUSES)[number];

export type Role = 'user' | 'assistant';

/** The longest client-given turn id (a retry with the same id finds the stored turn). */
export const MAX_EXTERNAL_ID_CHARS = 200;

export interface User {
  id: string;
  createdAt: Date;
  /** New on every creation of this id (delete and import included): what caches of the user's data key on. */
  generation: string;
  /** The seq of the user's newest stored turn (0: none yet); a cache holding that seq has every turn. */
  turnSeq: number;
  /** Bumped whenever one of the user's stored turns changes (its enrichment rewritten): caches re-index those. */
  turnStamp: number;
  /** Bumped by every change to the user's memories (added, edited, superseded, annotated, retired, forgotten). */
  memoryStamp: number;
  metadata: Record<string, unknown>;
}

export interface Session {
  userId: string;
  id: string;
  startedAt: Date;
  /** Time of the last turn in the session. */
  lastTurnAt: Date;
  /** Set when the session is closed (gap exceeded or explicit close). */
  closedAt: Date | null;
  turnCount: number;
}

/** A rectangle in the stored (EXIF-rotated) image, in pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ImageRegion {
  imageSha256: string;
  box: Box;
  label: string | null;
}

/**
 * A span of time: `from` inclusive, `to` exclusive, both absolute instants. Where the concept allows it a side is
 * null, unbounded: a query's "before May", a memory known only to have started. `Period<Date>` is closed on both
 * sides (a calendar day, a week, a date named in a text).
 */
export interface Period<Bound extends Date | null = Date | null> {
  from: Bound;
  to: Bound;
  /** The words in a text that named it, e.g. "last Sunday", when it was read from one. */
  phrase?: string;
}

export interface NamedEntity {
  text: string;
  type: string;
}

/** What one of a turn's photos holds, as every prompt and recall shows it (memory/photo-notes.ts). */
export interface PhotoNote {
  /** A description given with the photo (LoCoMo's captions) or by a captioner. */
  caption: string | null;
  /** Text read in it (OCR), whitespace collapsed. */
  text: string;
  /** Objects detected in it, with their main colour ("red mug"). */
  objects: string[];
  /** Persons recognised by face: their name, or their person id while unnamed. */
  people: string[];
}

/** LLM-free facts derived from a turn's text and images. */
export interface TurnEnrichment {
  keywords: string[];
  lemmas: string[];
  entities: NamedEntity[];
  /** The periods its text names, each with the words that named it. */
  dates: Required<Period<Date>>[];
  /** Text read or inferred from the turn's images (OCR, tags, colours, captions), for search. */
  imageText: string;
  /**
   * One note per photo: the stored images in order (filled in when each is analysed), then the ones given only as
   * a caption. Absent on turns stored before notes existed: photoNotesOf falls back to the captions.
   */
  photos?: PhotoNote[];
}

export interface Turn {
  userId: string;
  id: string;
  sessionId: string;
  /** Monotonic per user: the order turns were stored in. */
  seq: number;
  role: Role;
  /** Display name of who spoke, when the history names speakers (LoCoMo). */
  speaker: string | null;
  text: string;
  at: Date;
  /** sha256 of each attached image, in order. */
  images: string[];
  /** Id in an imported history (LoCoMo "D1:3"), kept for provenance and benchmarks. */
  externalId: string | null;
  metadata: Record<string, unknown>;
  enrichment: TurnEnrichment | null;
}

export interface NewTurn {
  sessionId: string;
  role: Role;
  speaker?: string | null;
  text: string;
  at: Date;
  images?: string[];
  externalId?: string | null;
  metadata?: Record<string, unknown>;
  /** Stored with the turn in its INSERT (setEnrichment rewrites it later). */
  enrichment?: TurnEnrichment | null;
}

export interface ObjectDetection {
  label: string;
  score: number;
  box: Box;
  colors: string[];
  /** sha256 of the stored crop of `box` (its own image row with its own vector), once the update phase kept it. */
  cropSha256?: string;
}

export interface FaceDetection {
  box: Box;
  score: number;
  /** Person identity (per user cluster id), when faces are clustered. */
  personId: string | null;
  /** Face descriptor (L2-normalized) used to cluster faces into persons; absent when the description model did not run. */
  descriptor?: number[];
}

/** A face that joined a person (a face cluster), with the photo it is in: what a page shows a person by. */
export interface PersonFace {
  personId: string;
  imageSha256: string;
  imageWidth: number;
  imageHeight: number;
  box: Box;
  score: number;
}

/** What the offline analyzers found in an image; absent analyzers are listed, never faked. */
export interface ImageAnalysis {
  ocrText: string;
  objects: ObjectDetection[];
  faces: FaceDetection[];
  colors: string[];
  caption: string | null;
  analyzers: Record<string, 'ok' | 'unavailable' | 'failed'>;
  /** Why an analyzer is 'unavailable' or 'failed' (its error message and what to do), by analyzer name. */
  analyzerNotes?: Record<string, string>;
}

export interface StoredImage {
  userId: string;
  sha256: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  createdAt: Date;
  analysis: ImageAnalysis | null;
}

/** One of a user's person identities: a cluster of face descriptors, named when the user names it. */
export interface Person {
  userId: string;
  /** "person-<n>", stable for the user's lifetime. */
  id: string;
  name: string | null;
  /** Unit-length mean of the member face descriptors. */
  centroid: number[];
  /** Faces merged into it. */
  count: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface Memory {
  userId: string;
  id: string;
  type: MemoryType;
  /** core: profile field ("name", "occupation", "preferences"); procedural: the habit/goal key; otherwise null. */
  key: string | null;
  content: string;
  keywords: string[];
  /** Type-specific fields: semantic {reason, decision, category}, image object {objectName, category}, … */
  detail: Record<string, unknown>;
  sourceTurnIds: string[];
  sourceRegions: ImageRegion[];
  /** When the thing it describes happened, when known (resolved dates), else null. */
  eventTime: Period | null;
  validFrom: Date;
  validTo: Date | null;
  status: MemoryStatus;
  supersededBy: string | null;
  /** The turn whose update superseded or retired it (null for a user's own edit). */
  supersededByTurnId: string | null;
  embeddingModel: string | null;
  embeddingDimensions: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewMemory {
  type: MemoryType;
  key?: string | null;
  content: string;
  keywords?: string[];
  detail?: Record<string, unknown>;
  sourceTurnIds?: string[];
  sourceRegions?: ImageRegion[];
  eventTime?: Period | null;
  validFrom?: Date;
}

export interface MemoryPatch {
  content?: string;
  keywords?: string[];
  detail?: Record<string, unknown>;
  eventTime?: Period | null;
}

export const BIG_FIVE_TRAITS = ['openness', 'conscientiousness', 'extraversion', 'agreeableness', 'neuroticism'] as const;
export type BigFiveTrait = (typeof BIG_FIVE_TRAITS)[number];
export type BigFive = Record<BigFiveTrait, number>;

export interface PersonalityPoint {
  userId: string;
  /** Number of interactions scored so far, including this one (n in PEM). */
  interactions: number;
  turnId: string | null;
  at: Date;
  traits: BigFive;
  /** The momentary scores that caused this update; null for the initial 3.0 state. */
  inferred: BigFive | null;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface Job {
  userId: string;
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  /** Times the worker running it died (kill, crash) and another took it back; they do not count as attempts. */
  interruptions: number;
  runAfter: Date;
  lockedBy: string | null;
  lockedUntil: Date | null;
  lastError: string | null;
  /** Jobs are idempotent per (user, dedupeKey): enqueueing the same key twice is a no-op. */
  dedupeKey: string;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface EmbeddingVector {
  model: string;
  vector: number[];
}
