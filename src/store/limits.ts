import { defaults } from '../config/defaults.ts';

/** Size limits enforced at the store boundary. Configuration (src/config) may override them per deployment. */
export interface StoreLimits {
  /** Characters of a turn's text or a memory's content. */
  maxTextChars: number;
  /** Bytes of one image. */
  maxImageBytes: number;
  /** Dimensions of one embedding vector. */
  maxVectorDimensions: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = {
  maxTextChars: defaults.store.maxTextChars,
  // The same cap the vision pipeline applies before an image reaches the store (vision.maxImageBytes).
  maxImageBytes: defaults.vision.maxImageBytes,
  maxVectorDimensions: 4096,
};
