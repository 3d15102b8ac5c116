import { runExactVectorConformance } from '../test/store-conformance.ts';
import { PgliteStore } from './pglite-store.ts';

// PGlite has pgvector; forcing the exact scan here tests both vector paths on one engine.
runExactVectorConformance({
  name: 'PGlite (in memory)',
  expectPgvector: false,
  create: (options = {}) => new PgliteStore(options),
});
