// The recall contract between retrieval and its callers (agent, CLI, benchmarks).
import type { ChatImage } from '../model/ports.ts';
import type { ImageRegion, Period, RecallSource } from '../memory/types.ts';

export type { RecallSource };

export interface RecallQuery {
  userId: string;
  /** The user's words (raw query). */
  query: string;
  /** Keywords chosen by the model in a <retrieve> call, searched besides the raw query. */
  keywords?: string[];
  images?: ChatImage[];
  /** The time of asking: relative dates in the query resolve against it, recency counts from it. */
  at: Date;
  timeRange?: Period;
  types?: RecallSource[];
  budgetTokens: number;
  /** Turns already in the prompt (the recent window) are left out. */
  excludeTurnIds?: string[];
  /** Also return `ranked`: what would come next beyond the budget (benchmark traces). It costs a second packing. */
  traceRanked?: boolean;
}

export interface RecallItem {
  source: RecallSource;
  /** Memory id, or the first turn id of a dialogue window, or an image sha256. */
  id: string;
  /** Exactly the text that goes into the prompt. */
  text: string;
  /** cl100k_base tokens of `text`. */
  tokens: number;
  score: number;
  scoreParts: Record<string, number>;
  /** When it happened / was said (the first turn's time for a window). */
  at: Date | null;
  sourceTurnIds: string[];
  sourceRegions: ImageRegion[];
  /** Images to hand back to a vision model with this item. */
  imageSha256s: string[];
  /** For dialogue: per image in imageSha256s, the line of `text` that holds its turn (where its marker belongs). */
  imageLines?: string[];
  /** Ids of the current memories that replaced a fact this item states (it is marked outdated in its text). */
  replacedBy?: string[];
}

export interface RecallResult {
  /** Ranked, packed within budgetTokens. */
  items: RecallItem[];
  totalTokens: number;
  /** Only with `traceRanked`: ranked beyond the budget too (benchmarks trace them); same order. */
  ranked?: RecallItem[];
}
