// cl100k_base token counts (the budget unit of the recall contract), memoized because the same turn lines
// are counted on every recall. The encoder's tables take ~0.1 s to load, on the first count: commands that count
// nothing (ingest, remember, a server's start) never load them. (Loading them in CLI `recall` while the worker
// analyses the query left less idle in its profile but measured no faster on 2 shared cores: not done.)
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Cl100k from 'gpt-tokenizer/encoding/cl100k_base';

type Encoder = typeof Cl100k;

const SPECIFIER = 'gpt-tokenizer/encoding/cl100k_base';
let loaded: Encoder | undefined;

/** The encoder, loaded synchronously on first use (require of an ES module, Node ≥ 22.12). */
function encoder(): Encoder {
  loaded ??= createRequire(import.meta.url)(fileURLToPath(import.meta.resolve(SPECIFIER))) as Encoder;
  return loaded;
}

const cache = new Map<string, number>();
const CACHE_LIMIT = 200_000;

export function countTokens(text: string): number {
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const count = encoder().encode(text).length;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, count);
  return count;
}

/** Uncached count, for text that is counted once and whose count the caller keeps (turn lines in the view). */
export function countTokensOnce(text: string): number {
  return encoder().encode(text).length;
}
