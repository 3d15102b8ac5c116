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
  maxTextChars: 100_000,
  maxImageBytes: 20 * 1024 * 1024,
  maxVectorDimensions: 4096,
};
