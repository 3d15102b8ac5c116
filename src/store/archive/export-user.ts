import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NotFoundError, StoreError } from '../../errors/index.ts';
import type { ExportReport } from '../memory-store.ts';
import type { StoreContext } from '../store-context.ts';
import { USER_TABLES, type UserTable } from '../tables.ts';
import { checkId } from '../validation.ts';
import { ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION, type ArchiveManifest } from './manifest.ts';
import { archiveColumns } from './table-columns.ts';

/** Each table's key within one user, so an archive's rows come out in a stable order (a new table must name one). */
const ORDER_BY: Record<UserTable, string> = {
  users: 'user_id', sessions: 'id', turns: 'id', images: 'sha256', memories: 'id',
  embeddings: 'target, target_id, model', personality: 'interactions', persons: 'id', jobs: 'seq',
};

/**
 * Writes one user's data as a portable directory: <table>.jsonl (rows as PostgreSQL renders them to JSON, so
 * both engines read them back identically), images/<sha256>, and manifest.json. Read in one transaction so
 * the archive is a consistent snapshot.
 */
export async function exportUser(context: StoreContext, userId: string, directory: string): Promise<ExportReport> {
  checkId(userId, 'user id');
  return context.db.transaction(async (tx) => {
    // Timestamps render in the session time zone; UTC makes archives byte-identical across servers.
    await tx.query(`set local timezone = 'UTC'`);
    const user = await tx.query('select 1 from users where user_id = $1', [userId]);
    if (user.length === 0) throw new NotFoundError('user', userId);
    await mkdir(join(directory, 'images'), { recursive: true });
    const counts: Record<string, number> = {};
    const files: Record<string, string> = {};
    for (const table of USER_TABLES) {
      const columns = await archiveColumns(tx, table);
      const rows = await tx.query<{ row: unknown }>(
        `select jsonb_build_object(${columns.map((c) => `'${c}', t.${c}`).join(', ')}) as row
         from ${table} t where t.user_id = $1 order by ${ORDER_BY[table]}`,
        [userId],
      );
      const text = rows.map((r) => JSON.stringify(r.row)).join('\n') + (rows.length ? '\n' : '');
      await writeFile(join(directory, `${table}.jsonl`), text);
      files[`${table}.jsonl`] = createHash('sha256').update(text).digest('hex');
      counts[table] = rows.length;
    }
    const images = await tx.query<{ sha256: string }>('select sha256 from images where user_id = $1 order by sha256', [userId]);
    for (const { sha256 } of images) {
      const bytes = await context.blobs.get(userId, sha256);
      if (!bytes) throw new StoreError(`Cannot export image ${sha256}: its bytes are missing from the blob store. Check blobDir.`);
      await writeFile(join(directory, 'images', sha256), bytes);
    }
    const models = await tx.query<{ model: string; dimensions: number; count: number }>(
      `select model, dimensions, count(*)::int as count from embeddings where user_id = $1 group by model, dimensions order by model`,
      [userId],
    );
    const manifest: ArchiveManifest = {
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_FORMAT_VERSION,
      // open() migrated to exactly this version (it refuses a newer database), so no need to read it again.
      schemaVersion: context.capabilities.schemaVersion,
      userId,
      exportedAt: new Date().toISOString(),
      engine: context.capabilities.engine,
      tables: counts,
      images: images.length,
      embeddingModels: models.map((m) => ({ model: m.model, dimensions: Number(m.dimensions), count: Number(m.count) })),
      files,
    };
    await writeFile(join(directory, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    return { userId, directory, counts: { ...counts, blobs: images.length } };
  });
}
