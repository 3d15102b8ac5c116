import { runExactVectorConformance } from '../test/store-conformance.ts';
import { openTestStore } from '../test/test-store.ts';

// PGlite has pgvector; forcing the exact scan here tests both vector paths on one engine.
runExactVectorConformance({
  name: 'PGlite (in memory)',
  expectPgvector: false,
  create: (options = {}) => openTestStore(options),
});
