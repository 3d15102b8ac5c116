import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { InvalidInputError, StoreError } from '../../errors/index.ts';
import type { ImportReport } from '../memory-store.ts';
import type { StoreContext } from '../store-context.ts';
import { USER_TABLES } from '../tables.ts';
import { checkId, parseInput } from '../validation.ts';
import { manifestSchema } from './manifest.ts';
import { archiveColumns } from './table-columns.ts';

const rowSchema = z.record(z.string(), z.unknown());
const BATCH = 500;

async function readJson(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidInputError(`${path} is not valid JSON; the archive is damaged.`, { cause: error });
  }
}

async function readRows(path: string): Promise<Record<string, unknown>[]> {
  const lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  return lines.map((line, index) => {
    let value: unknown;
    try {
      value = JSON.parse(line) as unknown;
    } catch (error) {
      throw new InvalidInputError(`${path} line ${index + 1} is not valid JSON; the archive is damaged.`, { cause: error });
    }
    return parseInput(rowSchema, value, `${path} line ${index + 1}`);
  });
}

/**
 * Reads an archive written by exportUser into this store, ids preserved, optionally under another user id.
 * Rows are typed by the database itself (jsonb_populate_recordset), so an archive from either engine loads
 * the same way. The target user must not exist: import never merges into someone's data.
 */
export async function importUser(context: StoreContext, directory: string, options: { asUserId?: string } = {}): Promise<ImportReport> {
  const manifest = parseInput(manifestSchema, await readJson(join(directory, 'manifest.json')), 'archive manifest');
  const userId = checkId(options.asUserId ?? manifest.userId, 'user id');
  if (manifest.schemaVersion > context.capabilities.schemaVersion) {
    throw new StoreError(`The archive was written with schema version ${manifest.schemaVersion}, newer than this database's ${context.capabilities.schemaVersion}. Import it with a newer personavlm.`);
  }
  const tables: Record<string, Record<string, unknown>[]> = {};
  // An archive from an older schema has no file for a table added since (persons, v4): it had no such rows.
  for (const table of USER_TABLES) tables[table] = table in manifest.tables ? await readRows(join(directory, `${table}.jsonl`)) : [];
  const images = tables.images ?? [];
  for (const image of images) {
    const sha256 = String(image.sha256);
    const bytes = new Uint8Array(await readFile(join(directory, 'images', sha256)));
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
      throw new InvalidInputError(`Archive image ${sha256} does not match its hash; the archive is damaged.`);
    }
    await context.blobs.put(userId, sha256, bytes);
  }
  const counts: Record<string, number> = {};
  await context.db.transaction(async (tx) => {
    const existing = await tx.query('select 1 from users where user_id = $1', [userId]);
    if (existing.length > 0) {
      throw new InvalidInputError(`User "${userId}" already exists; import never merges. Delete that user first or import under another id (asUserId).`);
    }
    for (const table of USER_TABLES) {
      const rows = tables[table] ?? [];
      const columns = await archiveColumns(tx, table);
      const select = columns.map((c) => (c === 'user_id' ? '$2' : `r.${c}`)).join(', ');
      for (let start = 0; start < rows.length; start += BATCH) {
        await tx.query(
          `insert into ${table} (${columns.join(', ')}) select ${select} from jsonb_populate_recordset(null::${table}, $1::jsonb) r`,
          [JSON.stringify(rows.slice(start, start + BATCH)), userId],
        );
      }
      counts[table] = rows.length;
    }
    if (context.capabilities.vector) {
      await tx.query('update embeddings set vec = vector::vector where user_id = $1', [userId]);
    }
  });
  // A bulk load leaves the planner's statistics behind; refresh them now rather than after the first slow query.
  await context.db.query('analyze');
  return { userId, counts: { ...counts, blobs: images.length } };
}
