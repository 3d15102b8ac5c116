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
});

export type ArchiveManifest = z.infer<typeof manifestSchema>;
