// Heavy dependencies a command may never use load on first use instead of at import. A CLI `recall` decodes no
// image, calls no model and, without a date word, parses no date, yet loading sharp (libvips, ~110–210 ms), the AI
// SDK (ai and @ai-sdk/openai-compatible, ~140–300 ms) and chrono-node (~200–370 ms) took about a third of its
// 1.7 s. Synchronous (require of an ES module, Node ≥ 22.12), so the callers keep their signatures.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A getter that loads `specifier` the first time it is called and returns the same module after. */
export function lazyModule<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}
