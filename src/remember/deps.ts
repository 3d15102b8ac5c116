// What the update phase needs, passed in by the composition root. No module here builds an adapter.
import type { EventBus } from '../memory/events.ts';
import type { MemorySearch } from '../memory/memory-search.ts';
import type { ImageAnalysis, TurnEnrichment, Box } from '../memory/types.ts';
import type { ChatClient, ImageEmbedder, ModelAccounting, TextEmbedder } from '../model/ports.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import { defaults } from '../config/defaults.ts';
import { REMEMBER_TUNING } from './tuning.ts';

/** An image decoded, EXIF-rotated and re-encoded by the vision module, ready to store. */
export interface PreparedImage {
  bytes: Uint8Array;
  mime: string;
  width: number;
  height: number;
}

/** The vision module's two entry points, as remember uses them (the composition root adapts them). */
export interface RememberVision {
  /** Throws InvalidImageError (or PayloadTooLargeError) for bytes that are not a usable image. */
  prepare(bytes: Uint8Array): Promise<PreparedImage>;
  analyze(image: PreparedImage): Promise<ImageAnalysis>;
  /** Cuts a region out of an image (clamped to it, upright): object crops and memory regions are stored images. */
  crop(bytes: Uint8Array, box: Box): Promise<{ bytes: Uint8Array; mime: string; box: Box }>;
}

export type WriteBudget = 'fixed' | 'paper';

export interface RememberConfig {
  /** A turn more than this many minutes after the previous one opens a new session (paper: 60). */
  sessionGapMinutes: number;
  /** fixed: 1 model call per user turn + 1 per session; paper: 2 + 3, the paper's separate prompts. */
  writeBudget: WriteBudget;
  /** Turns before the current one (same session) shown to the per-turn prompt for context. */
  contextTurns: number;
  /** Photos of a closed session sent as images with its prompt (the first ones; every photo is also described in text). */
  sessionImages: number;
  /** Existing semantic memories shown to the per-turn prompt so it reuses their keys. */
  relatedMemories: number;
  /** Backpressure: recordTurn waits (or throws) while a user has this many unfinished jobs. */
  maxPendingJobsPerUser: number;
  onBackpressure: 'wait' | 'throw';
  /** How long recordTurn waits under backpressure before throwing BackpressureError. */
  backpressureTimeoutMs: number;
  /** How long a turn's job waits for its images' analysis at most (recordTurn releases it when done). */
  analysisHoldMs: number;
  /** Attempts per job before it is marked failed. */
  jobMaxAttempts: number;
  /** IANA zone the prompts show times in (memory.timeZone); the same zone dates are resolved in. */
  timeZone: string;
  /** The store's text limit (store.maxTextChars): an import checks every turn against it before writing any. */
  maxTextChars: number;
}

export interface RememberDeps {
  store: MemoryStore;
  /** null: no chat model; only LLM-free enrichment runs, and a warning says so once. */
  chat: ChatClient | null;
  events: EventBus;
  /** The user's memories related to a text, by the ranking recall uses (the retriever implements it). */
  memorySearch: MemorySearch;
  enrich: (text: string, at: Date) => TurnEnrichment;
  vision?: RememberVision | null;
  embedder?: TextEmbedder | null;
  /** Embeds stored images and their object crops (query-image search); null or absent: no image vectors. */
  imageEmbedder?: ImageEmbedder | null;
  /** The accounting the ChatClient records into, when the caller wants attempts (retries included) reported. */
  accounting?: ModelAccounting | null;
  config: RememberConfig;
}

// The settings the config schema exposes come from config/defaults.ts; the rest are this module's tuning (tuning.ts).
export const REMEMBER_DEFAULTS: RememberConfig = {
  sessionGapMinutes: defaults.memory.sessionGapMinutes,
  writeBudget: defaults.memory.writeBudget,
  contextTurns: REMEMBER_TUNING.contextTurns,
  sessionImages: REMEMBER_TUNING.sessionImages,
  relatedMemories: REMEMBER_TUNING.relatedMemories,
  maxPendingJobsPerUser: defaults.memory.maxPendingJobsPerUser,
  onBackpressure: 'wait',
  backpressureTimeoutMs: REMEMBER_TUNING.backpressureTimeoutMs,
  analysisHoldMs: REMEMBER_TUNING.analysisHoldMs,
  jobMaxAttempts: REMEMBER_TUNING.jobMaxAttempts,
  timeZone: defaults.memory.timeZone,
  maxTextChars: defaults.store.maxTextChars,
};

/** Fills what the caller left out; the values mirror the config schema's defaults. */
export function rememberConfig(partial: Partial<RememberConfig> = {}): RememberConfig {
  return { ...REMEMBER_DEFAULTS, ...partial };
}
