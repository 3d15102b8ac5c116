// zod schemas for everything that crosses the store boundary. Bad input becomes InvalidInputError before any
// statement runs, so a rejected call never touches stored data.
import { z } from 'zod';
import { InvalidInputError, PayloadTooLargeError } from '../errors/index.ts';
import { BIG_FIVE_TRAITS, MAX_EXTERNAL_ID_CHARS, MEMORY_TYPES } from '../memory/types.ts';

/** Ids are also path segments (blob folders) and archive names: no separators, no leading dot. */
export const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$/, 'must be 1-128 characters of letters, digits and _ . : @ - (starting with a letter or digit)');
/** The client's own id of a turn (a message id, "D1:3"): free text, but short and never empty. */
export const externalIdSchema = z.string().min(1).max(MAX_EXTERNAL_ID_CHARS);
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters');
export const dateSchema = z.date().refine((date) => !Number.isNaN(date.getTime()), 'must be a valid date');
export const periodSchema = z.object({ from: dateSchema.nullable(), to: dateSchema.nullable() }).strict();
export const memoryTypeSchema = z.enum(MEMORY_TYPES);
export const limitSchema = z.number().int().min(1).max(10_000);
export const jsonObject = z.record(z.string(), z.unknown());

const boxSchema = z.object({ x: z.number(), y: z.number(), width: z.number().nonnegative(), height: z.number().nonnegative() }).strict();
export const regionSchema = z.object({ imageSha256: sha256Schema, box: boxSchema, label: z.string().nullable() }).strict();

export const enrichmentSchema = z.object({
  keywords: z.array(z.string()),
  lemmas: z.array(z.string()),
  entities: z.array(z.object({ text: z.string(), type: z.string() }).strict()),
  dates: z.array(z.object({ phrase: z.string(), from: z.coerce.date(), to: z.coerce.date() }).strict()),
  imageText: z.string(),
  photos: z.array(z.object({
    caption: z.string().nullable(),
    text: z.string(),
    objects: z.array(z.string()),
    people: z.array(z.string()),
  }).strict()).optional(),
}).strict();

export const newTurnSchema = z.object({
  sessionId: idSchema,
  role: z.enum(['user', 'assistant']),
  speaker: z.string().max(200).nullable().optional(),
  text: z.string(),
  at: dateSchema,
  images: z.array(sha256Schema).max(64).optional(),
  externalId: externalIdSchema.nullable().optional(),
  metadata: jsonObject.optional(),
  enrichment: enrichmentSchema.nullable().optional(),
}).strict();

export const newMemorySchema = z.object({
  type: memoryTypeSchema,
  key: z.string().min(1).max(200).nullable().optional(),
  content: z.string().min(1),
  keywords: z.array(z.string().max(200)).max(200).optional(),
  detail: jsonObject.optional(),
  sourceTurnIds: z.array(idSchema).max(1000).optional(),
  sourceRegions: z.array(regionSchema).max(1000).optional(),
  eventTime: periodSchema.nullable().optional(),
  validFrom: dateSchema.optional(),
}).strict();

export const memoryPatchSchema = z.object({
  content: z.string().min(1).optional(),
  keywords: z.array(z.string().max(200)).max(200).optional(),
  detail: jsonObject.optional(),
  eventTime: periodSchema.nullable().optional(),
}).strict();

export const embeddingSchema = z.object({
  model: z.string().min(1).max(200),
  vector: z.array(z.number().refine(Number.isFinite, 'must be finite')).min(1),
}).strict();

export const imageMetaSchema = z.object({
  mime: z.string().regex(/^image\/[a-z0-9.+-]+$/, 'must be an image MIME type such as image/png'),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
}).strict();

const objectDetection = z.object({ label: z.string(), score: z.number(), box: boxSchema, colors: z.array(z.string()), cropSha256: sha256Schema.optional() }).strict();
const faceDetection = z.object({ box: boxSchema, score: z.number(), personId: z.string().nullable(), descriptor: z.array(z.number()).optional() }).strict();
export const imageAnalysisSchema = z.object({
  ocrText: z.string(),
  objects: z.array(objectDetection),
  faces: z.array(faceDetection),
  colors: z.array(z.string()),
  caption: z.string().nullable(),
  analyzers: z.record(z.string(), z.enum(['ok', 'unavailable', 'failed'])),
  analyzerNotes: z.record(z.string(), z.string()).optional(),
}).strict();

const traitsSchema = z.object(Object.fromEntries(BIG_FIVE_TRAITS.map((trait) => [trait, z.number().min(1).max(5)])) as Record<(typeof BIG_FIVE_TRAITS)[number], z.ZodNumber>).strict();
export const personalityPointSchema = z.object({
  interactions: z.number().int().min(0),
  turnId: idSchema.nullable(),
  at: dateSchema,
  traits: traitsSchema,
  inferred: traitsSchema.nullable(),
}).strict();

const finiteNumber = z.number().refine(Number.isFinite, 'must be a finite number');
export const personClusterSchema = z.object({
  id: z.string().regex(/^person-\d+$/, 'must look like "person-<n>"'),
  centroid: z.array(finiteNumber).min(1).max(4096),
  count: z.number().int().min(1),
}).strict();
export const personNameSchema = z.string().trim().min(1).max(200).nullable();

export const newJobSchema = z.object({
  kind: z.string().min(1).max(100),
  payload: jsonObject,
  dedupeKey: z.string().min(1).max(500),
  runAfter: dateSchema.optional(),
  maxAttempts: z.number().int().min(1).max(100).optional(),
}).strict();

/** Parses or throws InvalidInputError naming the field, the rule and the received value's path. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : what}: ${issue.message}`);
  throw new InvalidInputError(`Invalid ${what}: ${issues.join('; ')}.`, { cause: result.error, details: { what, issues } });
}

export function checkId(value: unknown, what: string): string {
  return parseInput(idSchema, value, what);
}

export function checkTextSize(text: string, limit: number, what: string): void {
  if (text.length > limit) throw new PayloadTooLargeError(`${what} length in characters`, text.length, limit, { setting: 'PERSONAVLM_MAX_TEXT_CHARS (store.maxTextChars)' });
}
