import { z } from 'zod';

export const ARCHIVE_FORMAT = 'personavlm-user-archive';
export const ARCHIVE_FORMAT_VERSION = 1;

/** manifest.json of a user archive: enough to check compatibility before reading any row. */
export const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(ARCHIVE_FORMAT_VERSION),
  schemaVersion: z.number().int().min(1),
  userId: z.string(),
  exportedAt: z.string(),
  engine: z.string(),
  tables: z.record(z.string(), z.number().int().min(0)),
  images: z.number().int().min(0),
  embeddingModels: z.array(z.object({ model: z.string(), dimensions: z.number().int(), count: z.number().int() })),
  /** sha256 of every file of the archive but the manifest (<table>.jsonl; images are named by theirs). Archives before it have none. */
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)).optional(),
});

/** The schema version that added each table: an archive of an older version has no file for it (no such rows). */
export const TABLE_SINCE: Record<string, number> = { persons: 4 };

export type ArchiveManifest = z.infer<typeof manifestSchema>;
