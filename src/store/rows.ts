// Database rows → domain objects. Drivers differ in small ways (pg returns bigint as a string, PGlite as a
// number), so every field is normalised here and nowhere else.
import type {
  BigFive,
  Box,
  ImageAnalysis,
  ImageRegion,
  Job,
  Memory,
  MemoryStatus,
  MemoryType,
  Person,
  PersonFace,
  PersonalityPoint,
  Role,
  Session,
  StoredImage,
  Turn,
  TurnEnrichment,
  User,
} from '../memory/types.ts';
import { BIG_FIVE_TRAITS } from '../memory/types.ts';
import type { SqlRow } from './sql-executor.ts';
import { enrichmentSchema } from './validation.ts';

const text = (value: unknown): string => String(value);
const nullableText = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const date = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const nullableDate = (value: unknown): Date | null => (value === null || value === undefined ? null : date(value));
const int = (value: unknown): number => Number(value);
const record = (value: unknown): Record<string, unknown> => (value ?? {}) as Record<string, unknown>;
const texts = (value: unknown): string[] => ((value ?? []) as unknown[]).map(String);

export function toUser(row: SqlRow): User {
  return { id: text(row.user_id), createdAt: date(row.created_at), generation: text(row.generation), turnSeq: int(row.turn_seq), turnStamp: int(row.turn_stamp), memoryStamp: int(row.memory_stamp), metadata: record(row.metadata) };
}

export function toSession(row: SqlRow): Session {
  return {
    userId: text(row.user_id),
    id: text(row.id),
    startedAt: date(row.started_at),
    lastTurnAt: date(row.last_turn_at),
    closedAt: nullableDate(row.closed_at),
    turnCount: int(row.turn_count),
  };
}

function toEnrichment(value: unknown): TurnEnrichment | null {
  // Written through the same schema, so parse cannot fail on our own rows; it revives the dates from JSON.
  return value === null || value === undefined ? null : enrichmentSchema.parse(value);
}

export function toTurn(row: SqlRow): Turn {
  return {
    userId: text(row.user_id),
    id: text(row.id),
    sessionId: text(row.session_id),
    seq: int(row.seq),
    role: text(row.role) as Role,
    speaker: nullableText(row.speaker),
    text: text(row.text),
    at: date(row.at),
    images: texts(row.images),
    externalId: nullableText(row.external_id),
    metadata: record(row.metadata),
    enrichment: toEnrichment(row.enrichment),
  };
}

export function toImage(row: SqlRow): StoredImage {
  return {
    userId: text(row.user_id),
    sha256: text(row.sha256),
    mime: text(row.mime),
    width: int(row.width),
    height: int(row.height),
    bytes: int(row.bytes),
    createdAt: date(row.created_at),
    analysis: (row.analysis ?? null) as ImageAnalysis | null,
  };
}

/** A row of images.personFaces: one face unpacked from an image's analysis (jsonb box, as every engine returns it). */
export function toPersonFace(row: SqlRow): PersonFace {
  return {
    personId: text(row.person_id),
    imageSha256: text(row.sha256),
    imageWidth: int(row.width),
    imageHeight: int(row.height),
    box: row.box as Box,
    score: Number(row.score),
  };
}

export function toMemory(row: SqlRow): Memory {
  const eventFrom = nullableDate(row.event_from);
  const eventTo = nullableDate(row.event_to);
  return {
    userId: text(row.user_id),
    id: text(row.id),
    type: text(row.type) as MemoryType,
    key: nullableText(row.key),
    content: text(row.content),
    keywords: texts(row.keywords),
    detail: record(row.detail),
    sourceTurnIds: texts(row.source_turn_ids),
    sourceRegions: (row.source_regions ?? []) as ImageRegion[],
    eventTime: eventFrom === null && eventTo === null ? null : { from: eventFrom, to: eventTo },
    validFrom: date(row.valid_from),
    validTo: nullableDate(row.valid_to),
    status: text(row.status) as MemoryStatus,
    supersededBy: nullableText(row.superseded_by),
    supersededByTurnId: nullableText(row.superseded_by_turn_id),
    embeddingModel: nullableText(row.embedding_model),
    embeddingDimensions: row.embedding_dimensions === null || row.embedding_dimensions === undefined ? null : int(row.embedding_dimensions),
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
}

function traits(row: SqlRow, prefix: string): BigFive | null {
  if (row[`${prefix}openness`] === null || row[`${prefix}openness`] === undefined) return null;
  return Object.fromEntries(BIG_FIVE_TRAITS.map((trait) => [trait, Number(row[`${prefix}${trait}`])])) as BigFive;
}

export function toPersonalityPoint(row: SqlRow): PersonalityPoint {
  return {
    userId: text(row.user_id),
    interactions: int(row.interactions),
    turnId: nullableText(row.turn_id),
    at: date(row.at),
    traits: traits(row, '') as BigFive,
    inferred: traits(row, 'inferred_'),
  };
}

export function toPerson(row: SqlRow): Person {
  return {
    userId: text(row.user_id),
    id: text(row.id),
    name: nullableText(row.name),
    centroid: ((row.centroid ?? []) as unknown[]).map(Number),
    count: int(row.count),
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
}

export function toJob(row: SqlRow): Job {
  return {
    userId: text(row.user_id),
    id: text(row.id),
    kind: text(row.kind),
    payload: record(row.payload),
    status: text(row.status) as Job['status'],
    attempts: int(row.attempts),
    maxAttempts: int(row.max_attempts),
    interruptions: int(row.interruptions),
    runAfter: date(row.run_after),
    lockedBy: nullableText(row.locked_by),
    lockedUntil: nullableDate(row.locked_until),
    lastError: nullableText(row.last_error),
    dedupeKey: text(row.dedupe_key),
    createdAt: date(row.created_at),
    finishedAt: nullableDate(row.finished_at),
  };
}
