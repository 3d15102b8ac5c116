import { randomUUID } from 'node:crypto';
import { InvalidInputError, NotFoundError } from '../../errors/index.ts';
import { MEMORY_STATUSES, type EmbeddingVector, type Memory, type MemoryPatch, type MemoryStatus, type MemoryType, type NewMemory } from '../../memory/types.ts';
import type { DerivedIndexEntry, MemoryChanges, MemoryIndexEntry, MemoryQuery, MemoryRepository, MemoryWithIndexEntry } from '../memory-store.ts';
import { toMemory } from '../rows.ts';
import type { SqlExecutor } from '../sql-executor.ts';
import { advanceMemoryStamp, type StoreContext } from '../store-context.ts';
import {
  checkId, checkTextSize, idSchema, jsonObject, limitSchema, memoryPatchSchema, memoryTypeSchema, newMemorySchema, parseInput, periodSchema,
} from '../validation.ts';
import { writeEmbedding } from './embedding-writer.ts';
import { deleteForgottenMemoryView, discardSavedMemoryView } from './memory-view-repository.ts';
import { INSERT_MEMORY, MEMORY_LIST_SELECT, MEMORY_SELECT, memoryRangeCondition } from './memory-sql.ts';
import { z } from 'zod';

/** Memories whose index entries one statement writes. */
const INDEX_ENTRY_BATCH = 2000;

const derivedIndexEntrySchema = z.object({
  id: idSchema,
  updatedAt: z.date(),
  entry: z.object({ key: z.string().max(200), terms: z.array(z.string().max(1000)).max(100_000), tokens: z.number().int().min(0) }).strict(),
}).strict();

/** The stored entry as written by setIndexEntries; anything else reads as none (the view derives it again). */
function indexEntryOf(value: unknown): MemoryIndexEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const { key, terms, tokens } = value as Partial<MemoryIndexEntry>;
  // A shape check, not a schema parse per term: this runs for every memory of every cold recall view.
  return typeof key === 'string' && Array.isArray(terms) && typeof tokens === 'number' ? { key, terms, tokens } : null;
}

/** The columns a list reads (toMemory's, and the index entry), in the order of each listed row's JSON array. */
const LIST_COLUMNS = [
  'user_id', 'id', 'type', 'key', 'content', 'keywords', 'detail', 'source_turn_ids', 'source_regions', 'event_from', 'event_to', 'valid_from',
  'valid_to', 'status', 'superseded_by', 'superseded_by_turn_id', 'embedding_model', 'embedding_dimensions', 'created_at', 'updated_at', 'index_entry',
] as const;

/** Rows read as one JSON array of LIST_COLUMNS arrays (see #listRows), as named rows for toMemory. */
function namedRows(text: unknown, more: readonly string[] = []): Record<string, unknown>[] {
  const rows = JSON.parse(String(text ?? '[]')) as unknown[][];
  const columns = [...LIST_COLUMNS, ...more];
  return rows.map((values) => {
    const named: Record<string, unknown> = {};
    for (let index = 0; index < columns.length; index += 1) named[columns[index]!] = values[index];
    return named;
  });
}

const withIndexEntry = (row: Record<string, unknown>): MemoryWithIndexEntry => ({ memory: toMemory(row), indexEntry: indexEntryOf(row.index_entry) });

const changesQuerySchema = z.object({
  types: z.array(memoryTypeSchema).min(1),
  afterStamp: z.number().int().min(-1),
}).strict();

/** The list order (when it is about, else said; then key, content, id) over the rows of `alias`. */
const listOrder = (alias: string): string => `coalesce(${alias}.event_from, ${alias}.valid_from), ${alias}.key nulls last, ${alias}.content, ${alias}.id`;

/** The longest search a memory list takes: a few words, not a document. */
const MAX_SEARCH_CHARS = 500;

/** The search's words: split on white space, each matched on its own; none when there is no text. */
const searchWords = (text: string | undefined): string[] => (text ?? '').split(/\s+/u).filter(Boolean);

const memoryQuerySchema = z.object({
  types: z.array(memoryTypeSchema).optional(),
  status: z.array(z.enum(MEMORY_STATUSES)).optional(),
  key: z.string().optional(),
  range: periodSchema.optional(),
  text: z.string().max(MAX_SEARCH_CHARS, `a memory search is at most ${MAX_SEARCH_CHARS} characters`).optional(),
  limit: limitSchema.optional(),
  offset: z.number().int().min(0).optional(),
}).strict();

/**
 * The conditions of list and count after the user's (`m.user_id = $1`, which each statement states itself):
 * status, type, key, time range and search words, parameters $2–$7.
 * A word matches anywhere in the content, the key or a keyword, in any case; every word must match.
 */
function memoryFilter(userId: string, q: z.output<typeof memoryQuerySchema>): { where: string; params: unknown[] } {
  const words = searchWords(q.text);
  return {
    where: `m.status = any($2::text[])
         and ($3::text[] is null or m.type = any($3::text[]))
         and ($4::text is null or m.key = $4)
         and ${memoryRangeCondition('$5', '$6')}
         and not exists (
           select 1 from unnest($7::text[]) w
           where strpos(lower(m.content || ' ' || coalesce(m.key, '') || ' ' || array_to_string(m.keywords, ' ')), lower(w)) = 0
         )`,
    params: [userId, q.status ?? ['active'], q.types ?? null, q.key ?? null, q.range?.from ?? null, q.range?.to ?? null, words],
  };
}

type CheckedMemory = z.output<typeof newMemorySchema>;

/** Insert parameters for a memory row; `row` fields describe its place in the version chain. */
function memoryParams(userId: string, id: string, m: CheckedMemory, row: {
  validTo: Date | null; status: string; supersededBy: string | null; supersededByTurnId: string | null;
  lineageId: string; version: number; createdAt: Date; updatedAt: Date; stamp: number;
}): unknown[] {
  return [userId, id, m.type, m.key ?? null, m.content, m.keywords ?? [], JSON.stringify(m.detail ?? {}), m.sourceTurnIds ?? [],
    JSON.stringify(m.sourceRegions ?? []), m.eventTime?.from ?? null, m.eventTime?.to ?? null, m.validFrom ?? row.createdAt,
    row.validTo, row.status, row.supersededBy, row.supersededByTurnId, row.lineageId, row.version, row.createdAt, row.updatedAt, row.stamp];
}

function asNewMemory(memory: Memory): CheckedMemory {
  const { type, key, content, keywords, detail, sourceTurnIds, sourceRegions, eventTime, validFrom } = memory;
  return { type, key, content, keywords, detail, sourceTurnIds, sourceRegions, eventTime, validFrom };
}

export class SqlMemoryRepository implements MemoryRepository {
  readonly #context: StoreContext;

  constructor(context: StoreContext) {
    this.#context = context;
  }

  #check(memory: NewMemory): CheckedMemory {
    const checked = parseInput(newMemorySchema, memory, 'memory');
    checkTextSize(checked.content, this.#context.limits.maxTextChars, 'memory content');
    return checked;
  }

  async #checkTurnsExist(db: SqlExecutor, userId: string, turnIds: string[]): Promise<void> {
    if (turnIds.length === 0) return;
    const rows = await db.query<{ id: string }>('select id from turns where user_id = $1 and id = any($2::text[])', [userId, turnIds]);
    const missing = turnIds.find((id) => !rows.some((row) => row.id === id));
    if (missing) throw new NotFoundError('turn', missing);
  }

  /** The active memory, locked, with its place in the version chain (read from the same row, no second query). */
  async #lockActive(db: SqlExecutor, userId: string, memoryId: string): Promise<{ memory: Memory; lineageId: string; version: number }> {
    const rows = await db.query('select * from memories m where user_id = $1 and id = $2 for update', [userId, memoryId]);
    if (!rows[0]) throw new NotFoundError('memory', memoryId);
    const memory = toMemory(rows[0]);
    if (memory.status !== 'active') {
      const why = memory.status === 'retired' ? 'was retired' : `is already superseded by "${memory.supersededBy}"`;
      throw new InvalidInputError(`Memory "${memoryId}" ${why}; change the active version instead.`, {
        details: { memoryId, status: memory.status, supersededBy: memory.supersededBy },
      });
    }
    return { memory, lineageId: String(rows[0].lineage_id), version: Number(rows[0].version) };
  }

  async #find(db: SqlExecutor, userId: string, memoryId: string): Promise<Memory | null> {
    const rows = await db.query(`${MEMORY_SELECT} where m.user_id = $1 and m.id = $2`, [userId, memoryId]);
    return rows[0] ? toMemory(rows[0]) : null;
  }

  /** A row this transaction just wrote, so it exists. */
  async #select(db: SqlExecutor, userId: string, memoryId: string): Promise<Memory> {
    return (await this.#find(db, userId, memoryId))!;
  }

  async add(userId: string, memory: NewMemory): Promise<Memory> {
    checkId(userId, 'user id');
    const checked = this.#check(memory);
    return this.#context.db.transaction(async (tx) => {
      const stamp = await advanceMemoryStamp(tx, userId, true);
      await this.#checkTurnsExist(tx, userId, checked.sourceTurnIds ?? []);
      const id = randomUUID();
      const now = new Date();
      await tx.query(INSERT_MEMORY, memoryParams(userId, id, checked, {
        validTo: null, status: 'active', supersededBy: null, supersededByTurnId: null, lineageId: id, version: 1, createdAt: now, updatedAt: now, stamp,
      }));
      return this.#select(tx, userId, id);
    });
  }

  async get(userId: string, memoryId: string): Promise<Memory | null> {
    checkId(userId, 'user id');
    checkId(memoryId, 'memory id');
    return this.#find(this.#context.db, userId, memoryId);
  }

  /** In the order of the ids given; unknown ids are left out. */
  async getMany(userId: string, memoryIds: string[]): Promise<Memory[]> {
    checkId(userId, 'user id');
    const ids = parseInput(z.array(idSchema).max(10_000), memoryIds, 'memory ids');
    if (ids.length === 0) return [];
    const rows = await this.#context.db.query(`${MEMORY_SELECT} where m.user_id = $1 and m.id = any($2::text[])`, [userId, ids]);
    const byId = new Map(rows.map((row) => [String(row.id), toMemory(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async list(userId: string, query: MemoryQuery = {}): Promise<Memory[]> {
    return (await this.#listRows(userId, query)).map(toMemory);
  }

  async listWithIndexEntries(userId: string, query: MemoryQuery = {}): Promise<MemoryWithIndexEntry[]> {
    return (await this.#listRows(userId, query)).map(withIndexEntry);
  }

  async #listRows(userId: string, query: MemoryQuery): Promise<Record<string, unknown>[]> {
    checkId(userId, 'user id');
    const q = parseInput(memoryQuerySchema, query, 'memory query');
    const { where, params } = memoryFilter(userId, q);
    // One JSON text for the whole list: both drivers decode rows field by field in JavaScript, which cost ~45 µs a
    // memory on PGlite (0.45 s for 10k, on every cold recall); one JSON.parse of the same rows takes a quarter of
    // that. Each row is an array of LIST_COLUMNS (timestamps as ISO text, arrays and jsonb as JSON): objects would
    // repeat every key, ~40% of the text (10k memories' JSON takes PGlite ~0.28 s cold as arrays, ~0.39 s as objects).
    // Ordered by the aggregate, which keeps no order of its input; inside too only for a page (limit, offset): one
    // sort of 10k memories by content is ~0.1 s of a cold list on PGlite.
    const paged = q.limit !== undefined || (q.offset ?? 0) > 0;
    const [row] = await this.#context.db.query(
      `select coalesce(json_agg(json_build_array(${LIST_COLUMNS.map((column) => `x.${column}`).join(', ')}) order by ${listOrder('x')}), '[]')::text as rows
       from (${MEMORY_LIST_SELECT} where m.user_id = $1 and ${where}${paged ? ` order by ${listOrder('m')} limit $8 offset $9` : ''}) x`,
      paged ? [...params, q.limit ?? null, q.offset ?? 0] : params,
    );
    return namedRows(row?.rows);
  }

  async changes(userId: string, query: { types: MemoryType[]; afterStamp: number }): Promise<MemoryChanges> {
    checkId(userId, 'user id');
    const { types, afterStamp } = parseInput(changesQuerySchema, query, 'memory changes query');
    // One statement, so one snapshot on both engines: the counts describe the very state the changed rows are read from.
    const [row] = await this.#context.db.query(
      `select
         (select coalesce(json_agg(json_build_array(${[...LIST_COLUMNS, 'stamp'].map((column) => `x.${column}`).join(', ')})), '[]')::text
          from (${MEMORY_LIST_SELECT} where m.user_id = $1 and m.type = any($2::text[]) and m.stamp > $3) x) as rows,
         (select coalesce(json_agg(json_build_array(c.type, c.status, c.n)), '[]')::text
          from (select m.type, m.status, count(*)::int as n from memories m where m.user_id = $1 and m.type = any($2::text[]) group by m.type, m.status) c) as counts`,
      [userId, types, afterStamp],
    );
    const counts = (JSON.parse(String(row?.counts ?? '[]')) as [MemoryType, MemoryStatus, number][]).map(([type, status, count]) => ({ type, status, count }));
    const changed = namedRows(row?.rows, ['stamp']).map((named) => ({ ...withIndexEntry(named), stamp: Number(named.stamp) }));
    return { changed, counts };
  }

  async setIndexEntries(userId: string, entries: readonly DerivedIndexEntry[]): Promise<number> {
    checkId(userId, 'user id');
    const checked = parseInput(z.array(derivedIndexEntrySchema).max(100_000), entries, 'memory index entries');
    let written = 0;
    // Only where the memory is as it was when derived: a change meanwhile (which clears the entry) keeps its null.
    // Not a change of the memory: neither its updatedAt nor the user's memory stamp moves.
    for (let start = 0; start < checked.length; start += INDEX_ENTRY_BATCH) {
      const batch = checked.slice(start, start + INDEX_ENTRY_BATCH).map(({ id, updatedAt, entry }) => ({ id, at: updatedAt.toISOString(), entry }));
      const rows = await this.#context.db.query(
        `update memories m set index_entry = v.entry
         from jsonb_to_recordset($2::jsonb) as v(id text, at timestamptz, entry jsonb)
         where m.user_id = $1 and m.id = v.id and m.updated_at = v.at
         returning 1`,
        [userId, JSON.stringify(batch)],
      );
      written += rows.length;
    }
    return written;
  }

  async count(userId: string, query: MemoryQuery = {}): Promise<number> {
    checkId(userId, 'user id');
    const { limit: _limit, offset: _offset, ...filter } = parseInput(memoryQuerySchema, query, 'memory query');
    const { where, params } = memoryFilter(userId, filter);
    const [row] = await this.#context.db.query(`select count(*)::int as n from memories m where m.user_id = $1 and ${where}`, params);
    return Number(row?.n ?? 0);
  }

  async edit(userId: string, memoryId: string, patch: MemoryPatch): Promise<Memory> {
    checkId(userId, 'user id');
    checkId(memoryId, 'memory id');
    const checked = parseInput(memoryPatchSchema, patch, 'memory patch');
    if (Object.keys(checked).length === 0) throw new InvalidInputError('Invalid memory patch: it changes nothing. Give content, keywords, detail or eventTime.');
    if (checked.content !== undefined) checkTextSize(checked.content, this.#context.limits.maxTextChars, 'memory content');
    return this.#context.db.transaction(async (tx) => {
      const stamp = await advanceMemoryStamp(tx, userId, false);
      const { memory: current, lineageId, version } = await this.#lockActive(tx, userId, memoryId);
      const now = new Date();
      // The id stays with the edited memory (people and provenance refer to it); the old content moves to a new
      // row that takes the old version number, so the chain reads oldest → newest by version.
      await tx.query(
        `update memories set content = $3, keywords = $4::text[], detail = $5::jsonb, event_from = $6, event_to = $7,
           version = version + 1, updated_at = $8, index_entry = null, stamp = $9
         where user_id = $1 and id = $2`,
        [userId, memoryId, checked.content ?? current.content, checked.keywords ?? current.keywords,
          JSON.stringify(checked.detail ?? current.detail),
          checked.eventTime === undefined ? current.eventTime?.from ?? null : checked.eventTime?.from ?? null,
          checked.eventTime === undefined ? current.eventTime?.to ?? null : checked.eventTime?.to ?? null, now, stamp],
      );
      await tx.query(INSERT_MEMORY, memoryParams(userId, randomUUID(), asNewMemory(current), {
        validTo: now, status: 'superseded', supersededBy: memoryId, supersededByTurnId: null,
        lineageId, version, createdAt: current.createdAt, updatedAt: now, stamp,
      }));
      // Its vectors described the old text; keeping them would make search find words it no longer has.
      if (checked.content !== undefined || checked.keywords !== undefined) {
        await tx.query(`delete from embeddings where user_id = $1 and target = 'memories' and target_id = $2`, [userId, memoryId]);
      }
      return this.#select(tx, userId, memoryId);
    });
  }

  async #lineage(db: SqlExecutor, userId: string, memoryId: string): Promise<string> {
    const rows = await db.query<{ lineage_id: string }>('select lineage_id from memories where user_id = $1 and id = $2', [userId, memoryId]);
    if (!rows[0]) throw new NotFoundError('memory', memoryId);
    return rows[0].lineage_id;
  }

  async supersede(userId: string, memoryId: string, replacement: NewMemory, bySourceTurnId: string | null): Promise<Memory> {
    checkId(userId, 'user id');
    checkId(memoryId, 'memory id');
    if (bySourceTurnId !== null) checkId(bySourceTurnId, 'superseding turn id');
    const checked = this.#check(replacement);
    return this.#context.db.transaction(async (tx) => {
      const stamp = await advanceMemoryStamp(tx, userId, false);
      const { lineageId, version } = await this.#lockActive(tx, userId, memoryId);
      await this.#checkTurnsExist(tx, userId, [...(checked.sourceTurnIds ?? []), ...(bySourceTurnId ? [bySourceTurnId] : [])]);
      const now = new Date();
      const id = randomUUID();
      const validFrom = checked.validFrom ?? now;
      await tx.query(INSERT_MEMORY, memoryParams(userId, id, { ...checked, validFrom }, {
        validTo: null, status: 'active', supersededBy: null, supersededByTurnId: null,
        lineageId, version: version + 1, createdAt: now, updatedAt: now, stamp,
      }));
      await tx.query(
        `update memories set status = 'superseded', superseded_by = $3, superseded_by_turn_id = $4,
           valid_to = greatest($5::timestamptz, valid_from), updated_at = $6, index_entry = null, stamp = $7
         where user_id = $1 and id = $2`,
        [userId, memoryId, id, bySourceTurnId, validFrom, now, stamp],
      );
      return this.#select(tx, userId, id);
    });
  }

  async annotate(userId: string, memoryId: string, detail: Record<string, unknown>): Promise<Memory> {
    checkId(userId, 'user id');
    checkId(memoryId, 'memory id');
    const checked = parseInput(jsonObject, detail, 'memory annotation');
    return this.#context.db.transaction(async (tx) => {
      const stamp = await advanceMemoryStamp(tx, userId, false);
      await this.#lockActive(tx, userId, memoryId);
      await tx.query(
        'update memories set detail = detail || $3::jsonb, updated_at = $4, index_entry = null, stamp = $5 where user_id = $1 and id = $2',
        [userId, memoryId, JSON.stringify(checked), new Date(), stamp],
      );
      return this.#select(tx, userId, memoryId);
    });
  }

  async retire(userId: string, memoryId: string, byTurnId: string | null, at: Date): Promise<Memory> {
    checkId(userId, 'user id');
    checkId(memoryId, 'memory id');
    if (byTurnId !== null) checkId(byTurnId, 'retiring turn id');
    const when = parseInput(z.date(), at, 'retirement time');
    return this.#context.db.transaction(async (tx) => {
      const stamp = await advanceMemoryStamp(tx, userId, false);
      await this.#lockActive(tx, userId, memoryId);
      await this.#checkTurnsExist(tx, userId, byTurnId ? [byTurnId] : []);
      await tx.query(
        `update memories set status = 'retired', superseded_by_turn_id = $3, valid_to = greatest($4::timestamptz, valid_from), updated_at = $5,
           index_entry = null, stamp = $6
         where user_id = $1 and id = $2`,
        [userId, memoryId, byTurnId, when, new Date(), stamp],
      );
      return this.#select(tx, userId, memoryId);
    });
  }

  async history(userId: string, memoryId: string): Promise<Memory[]> {
    checkId(userId, 'user id');
    checkId(memoryId, 'memory id');
    const rows = await this.#context.db.query(
      `${MEMORY_SELECT}
       join memories target on target.user_id = m.user_id and target.id = $2
       where m.user_id = $1 and m.lineage_id = target.lineage_id and m.version <= target.version
       order by m.version`,
      [userId, memoryId],
    );
    if (rows.length === 0) throw new NotFoundError('memory', memoryId);
    return rows.map(toMemory);
  }

  async forget(userId: string, memoryId: string): Promise<void> {
    checkId(userId, 'user id');
    checkId(memoryId, 'memory id');
    await this.#context.db.transaction(async (tx) => {
      await advanceMemoryStamp(tx, userId, false);
      const lineageId = await this.#lineage(tx, userId, memoryId);
      await tx.query(
        `delete from embeddings where user_id = $1 and target = 'memories'
           and target_id in (select id from memories where user_id = $1 and lineage_id = $2)`,
        [userId, lineageId],
      );
      await tx.query('delete from memories where user_id = $1 and lineage_id = $2', [userId, lineageId]);
      await discardSavedMemoryView(tx, userId);
    });
    // The saved view is unreadable since the commit; its file goes now. Should this fail (or the process die first),
    // the mark stays and the next load for this user, or the next open of the store, deletes it.
    await deleteForgottenMemoryView(this.#context, userId).catch(() => undefined);
  }

  async setEmbedding(userId: string, memoryId: string, embedding: EmbeddingVector): Promise<void> {
    checkId(userId, 'user id');
    checkId(memoryId, 'memory id');
    await writeEmbedding(this.#context, userId, 'memories', memoryId, embedding);
  }
}
