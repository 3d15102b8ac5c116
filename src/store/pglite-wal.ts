// How much write-ahead log the embedded database keeps on disk.
//
// PGlite runs PostgreSQL as one backend with no checkpointer: WAL is retired only at a checkpoint, which comes at
// max_wal_size (1 GB by default) or on close, and a checkpoint then keeps about as many recycled segments as were
// written in the last cycle. With initdb's 16 MB segments the data directory grew in whole 16 MB steps (17 → 33 MB of
// WAL for an 8k-turn import) and held 113 MB of WAL beside 133 MB of tables at 100k turns.
//
// So a new database is made with 1 MB segments and checkpoints every few MB: the WAL on disk stays under ~10 MB
// whatever was imported (measured: an 8,280-turn import 66 → 42 MB in all, no slower). A checkpoint here is cheap:
// the buffer cache is 16 MB, and PGlite writes with fsync off. A database made before keeps its 16 MB segments
// (only initdb sets the size) and gets the smallest bound PostgreSQL allows it: 4 segments, 2 kept.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const MIB = 1024 * 1024;

/** The segment size initdb gives a new database, MiB (a power of two from 1 to 1024). */
export const NEW_WAL_SEGMENT_MIB = 1;

/** Checkpoint once this much WAL is written, at the least (PostgreSQL wants at least two segments). */
const MIN_MAX_WAL_MIB = 8;

/**
 * The WAL segment size of an existing data directory, in bytes, from its segment files (each is created at full
 * size); null when the directory holds no database yet (initdb will run) or no segment could be read.
 */
export function walSegmentBytes(dataDir: string): number | null {
  let names: string[];
  try {
    names = readdirSync(join(dataDir, 'pg_wal'));
  } catch {
    return null;
  }
  const segment = names.find((name) => /^[0-9A-F]{24}$/.test(name));
  return segment ? statSync(join(dataDir, 'pg_wal', segment)).size : null;
}

/** The settings for a database with segments of `segmentMiB`: checkpoints every max(8 MB, 4 segments), 2 segments kept. */
export function walSettings(segmentMiB: number): string[] {
  const max = Math.max(MIN_MAX_WAL_MIB, 4 * segmentMiB);
  return ['-c', `max_wal_size=${max}MB`, '-c', `min_wal_size=${2 * segmentMiB}MB`];
}

export interface WalPlan {
  /** Passed to initdb (only runs for a new database). */
  initdb: string[];
  /** Passed to the server at start. */
  start: string[];
}

/**
 * What to start a PGlite database with. An existing directory is read for its segment size; a new one (or a new
 * in-memory database) is made with 1 MB segments; a tarball to start from (loadDataDir) is not opened beforehand,
 * so it gets settings valid for 16 MB segments too.
 */
export function walPlan(dataDir: string | undefined, fromTarball: boolean): WalPlan {
  const initdb = [`--wal-segsize=${NEW_WAL_SEGMENT_MIB}`];
  const existing = dataDir ? walSegmentBytes(dataDir) : null;
  if (existing !== null) return { initdb, start: walSettings(Math.max(1, Math.round(existing / MIB))) };
  return { initdb, start: walSettings(fromTarball ? 16 : NEW_WAL_SEGMENT_MIB) };
}
