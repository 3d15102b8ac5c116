// cl100k_base token counts (the budget unit of the recall contract), memoized because the same turn lines
// are counted on every recall.
import { encode } from 'gpt-tokenizer/encoding/cl100k_base';

const cache = new Map<string, number>();
const CACHE_LIMIT = 200_000;

export function countTokens(text: string): number {
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const count = encode(text).length;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, count);
  return count;
}

/** Uncached count, for text that is counted once and whose count the caller keeps (turn lines in the view). */
export function countTokensOnce(text: string): number {
  return encode(text).length;
}
