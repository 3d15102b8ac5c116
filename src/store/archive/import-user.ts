import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { InvalidInputError, StoreError } from '../../errors/index.ts';
import type { ImportReport } from '../memory-store.ts';
import type { StoreContext } from '../store-context.ts';
import { analyzeStatement } from '../analyze-policy.ts';
import { USER_TABLES } from '../tables.ts';
import { checkId, parseInput } from '../validation.ts';
import { manifestSchema, TABLE_SINCE, type ArchiveManifest } from './manifest.ts';
import { archiveColumns, columnDefaults } from './table-columns.ts';

const rowSchema = z.record(z.string(), z.unknown());
const BATCH = 500;

const damaged = (what: string, cause?: unknown) =>
  new InvalidInputError(`The archive is damaged or was changed by hand: ${what}. Nothing was imported; export the user again.`, cause === undefined ? {} : { cause });

async function readManifest(directory: string): Promise<ArchiveManifest> {
  const path = join(directory, 'manifest.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InvalidInputError(code === 'ENOENT' || code === 'ENOTDIR'
      ? `${directory} is not a personavlm archive (no manifest.json there). Give the directory \`personavlm memory export\` wrote.`
      : `Cannot read ${path}: ${(error as Error).message}.`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw damaged(`${path} is not valid JSON`, error);
  }
  return parseInput(manifestSchema, value, 'archive manifest');
}

/** Reads a table file line by line (never whole: an archive may hold millions of turns), one row at a time. */
async function* rowsOf(path: string): AsyncGenerator<{ row: Record<string, unknown>; line: number }> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw damaged(`${path} line ${line} is not valid JSON`, error);
    }
    yield { row: parseInput(rowSchema, value, `${path} line ${line}`), line };
  }
}

/** Pass 1: every file exists, hashes and row counts match the manifest, every row is a JSON object. */
async function verify(directory: string, manifest: ArchiveManifest): Promise<{ tables: string[]; images: string[] }> {
  const tables = USER_TABLES.filter((table) => manifest.schemaVersion >= (TABLE_SINCE[table] ?? 1));
  const missing = tables.filter((table) => manifest.tables[table] === undefined);
  if (missing.length > 0) throw damaged(`the manifest lists no ${missing.join(', ')} (every table of schema version ${manifest.schemaVersion} must be there, 0 when empty)`);
  const images: string[] = [];
  for (const table of tables) {
    const path = join(directory, `${table}.jsonl`);
    const hash = createHash('sha256');
    try {
      for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    } catch (error) {
      throw damaged(`${table}.jsonl is missing or unreadable`, error);
    }
    const expected = manifest.files?.[`${table}.jsonl`];
    if (expected && hash.digest('hex') !== expected) throw damaged(`${table}.jsonl does not match its hash in the manifest`);
    let count = 0;
    for await (const { row } of rowsOf(path)) {
      count += 1;
      if (table === 'images') images.push(String(row.sha256));
    }
    if (count !== manifest.tables[table]) throw damaged(`${table}.jsonl holds ${count} rows, the manifest says ${manifest.tables[table]}`);
  }
  if (images.length !== manifest.images) throw damaged(`${images.length} image rows, the manifest says ${manifest.images} images`);
  for (const sha256 of images) {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw damaged(`an image row names "${sha256}", which is not a sha256`);
    const path = join(directory, 'images', sha256);
    const size = await stat(path).then((info) => info.size, () => -1);
    if (size < 0) throw damaged(`images/${sha256} is missing`);
  }
  return { tables, images };
}

/**
 * Jobs come back as work to do, never as leases of a process of another machine (a lease until 9999 would hold the
 * user's queue for good), and never due later than now.
 */
function asImportedJob(row: Record<string, unknown>, now: string): Record<string, unknown> {
  if (row.status !== 'pending' && row.status !== 'running') return row;
  const due = typeof row.run_after === 'string' && Date.parse(row.run_after) < Date.parse(now) ? row.run_after : now;
  return { ...row, status: 'pending', locked_by: null, locked_until: null, run_after: due };
}

/**
 * Reads an archive written by exportUser into this store, ids preserved, optionally under another user id.
 * Everything is verified before anything is written (the manifest's tables, row counts and file hashes, every
 * image's bytes against its name); then the rows go in one transaction and the image bytes inside it, so a
 * failure leaves no row and no user. Rows are typed by the database itself (jsonb_populate_recordset), so an archive
 * from either engine loads the same way. The target user must not exist: import never merges.
 */
export async function importUser(context: StoreContext, directory: string, options: { asUserId?: string } = {}): Promise<ImportReport> {
  const manifest = await readManifest(directory);
  const userId = checkId(options.asUserId ?? manifest.userId, 'user id');
  if (manifest.schemaVersion > context.capabilities.schemaVersion) {
    throw new StoreError(`The archive was written with schema version ${manifest.schemaVersion}, newer than this database's ${context.capabilities.schemaVersion}. Import it with a newer personavlm.`);
  }
  const { tables, images } = await verify(directory, manifest);
  const exists = async (db: StoreContext['db']) => (await db.query('select 1 from users where user_id = $1', [userId])).length > 0;
  const alreadyThere = () => new InvalidInputError(`User "${userId}" already exists; import never merges. Delete that user first or import under another id (asUserId).`);
  if (await exists(context.db)) throw alreadyThere();
  const counts: Record<string, number> = {};
  const now = new Date().toISOString();
  await context.db.transaction(async (tx) => {
    if (await exists(tx)) throw alreadyThere();
    for (const table of USER_TABLES) {
      counts[table] = 0;
      if (!tables.includes(table)) continue;
      const columns = await archiveColumns(tx, table);
      const defaults = await columnDefaults(tx, table);
      const select = columns.map((c) => (c === 'user_id' ? '$2' : defaults.has(c) ? `coalesce(r.${c}, ${defaults.get(c)!})` : `r.${c}`)).join(', ');
      const insert = (rows: Record<string, unknown>[]) =>
        tx.query(`insert into ${table} (${columns.join(', ')}) select ${select} from jsonb_populate_recordset(null::${table}, $1::jsonb) r`, [JSON.stringify(rows), userId]);
      let batch: Record<string, unknown>[] = [];
      for await (const { row } of rowsOf(join(directory, `${table}.jsonl`))) {
        batch.push(table === 'jobs' ? asImportedJob(row, now) : row);
        counts[table] += 1;
        if (batch.length === BATCH) {
          await insert(batch);
          batch = [];
        }
      }
      if (batch.length > 0) await insert(batch);
    }
    if (context.capabilities.vector) {
      await tx.query('update embeddings set vec = vector::vector where user_id = $1', [userId]);
    }
    // Bytes last, inside the transaction: a failure rolls every row back (at most orphan bytes of no user remain).
    for (const sha256 of images) {
      const bytes = new Uint8Array(await readFile(join(directory, 'images', sha256)));
      if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw damaged(`images/${sha256} does not match its name`);
      await context.blobs.put(userId, sha256, bytes);
    }
  });
  // A bulk load leaves the planner's statistics behind; refresh them now rather than after the first slow query
  // (the tables loaded, not the catalogs).
  await context.db.query(analyzeStatement(USER_TABLES));
  return { userId, counts: { ...counts, blobs: images.length } };
}
