// The configuration of a personavlm deployment: one zod schema, with every default from defaults.ts. Options
// are restrictive (.strict(): a misspelled key is an error, not a silently ignored setting).
import { z } from 'zod';
import { isValidTimeZone } from '../memory/time-zone.ts';
import { defaults } from './defaults.ts';
import { RESPONSE_FORMAT_MODES } from './response-formats.ts';

const positiveInt = z.number().int().positive();
const httpUrl = z.url({ protocol: /^https?$/ });

export const storeSchema = z
  .object({
    engine: z.enum(['pglite', 'postgres']).default(defaults.store.engine),
    /** PGlite's directory; relative paths resolve against the working directory. */
    dataDir: z.string().min(1).default(defaults.store.dataDir),
    /** PostgreSQL connection URL (a secret when it holds a password). */
    url: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    /** Image blobs; default <dataDir>/blobs. */
    blobDir: z.string().min(1).optional(),
    /** The longest turn text or memory content stored, in characters (longer input is refused, naming this). */
    maxTextChars: positiveInt.default(defaults.store.maxTextChars),
    /** PGlite's buffer cache (PostgreSQL shared_buffers), MiB. */
    pgliteBufferMiB: positiveInt.max(1024).default(defaults.store.pgliteBufferMiB),
  })
  .strict();

export const modelSchema = z
  .object({
    provider: z.literal('openai-compatible').default(defaults.model.provider),
    baseUrl: httpUrl.default(defaults.model.baseUrl),
    modelId: z.string().min(1).default(defaults.model.modelId),
    /** Name of the env variable that holds the key; read at load time. */
    apiKeyEnv: z.string().min(1).default(defaults.model.apiKeyEnv),
    apiKey: z.string().min(1).optional(),
    timeoutMs: positiveInt.default(defaults.model.timeoutMs),
    maxRetries: z.number().int().min(0).max(10).default(defaults.model.maxRetries),
    /** How a prompt's output JSON schema is sent: auto (json_schema, stepping down when rejected), json_schema, json_object, off. */
    responseFormat: z.enum(RESPONSE_FORMAT_MODES).default(defaults.model.responseFormat),
  })
  .strict();

/** What recall does when a user's vectors come from another model than the configured one: warn, or throw. */
const onModelChange = z.enum(['warn', 'refuse']).default(defaults.embedder.onModelChange);

/**
 * How this embedder's vector hits join the lexical score in recall; unset: the defaults of
 * src/retrieval/tuning.ts. `bench locomo --mode tune` with the embedder configured chooses them by
 * leave-one-conversation-out and prints the settings.
 */
const fusionSettings = {
  fusion: z.enum(['similarity', 'rank']).optional(),
  fusionWeight: z.coerce.number().min(0).max(10).optional(),
  fusionHits: positiveInt.optional(),
};

const openAiCompatibleEmbedder = z
  .object({
    provider: z.literal('openai-compatible'),
    baseUrl: httpUrl,
    modelId: z.string().min(1),
    apiKeyEnv: z.string().min(1).optional(),
    apiKey: z.string().min(1).optional(),
    /** When set, the server's vectors must have it (and it is sent as `dimensions`). */
    dimensions: positiveInt.optional(),
    maxBatchSize: positiveInt.default(defaults.embedder.maxBatchSize),
    timeoutMs: positiveInt.default(defaults.embedder.timeoutMs),
    onModelChange,
    ...fusionSettings,
  })
  .strict();

const transformersEmbedder = z
  .object({
    provider: z.literal('transformers'),
    /** A local directory with config.json, tokenizer.json and onnx/model.onnx (e.g. all-MiniLM-L6-v2). */
    modelDir: z.string().min(1),
    pooling: z.enum(['mean', 'cls']).default('mean'),
    normalize: z.boolean().default(true),
    maxBatchSize: positiveInt.default(defaults.embedder.maxBatchSize),
    /** Off by default: nothing is downloaded at run time unless a person allows it here. */
    allowRemoteModels: z.boolean().default(false),
    onModelChange,
    ...fusionSettings,
  })
  .strict();

const wordVectorEmbedder = z
  .object({
    provider: z.literal('word-vectors'),
    /** Where `personavlm word-vectors install` put word-vectors.bin (default $XDG_CACHE_HOME/personavlm/word-vectors). */
    modelDir: z.string().min(1).optional(),
    maxBatchSize: positiveInt.default(defaults.embedder.maxBatchSize),
    onModelChange,
    ...fusionSettings,
  })
  .strict();

export const embedderSchema = z
  // 'none' takes onModelChange too: it governs an embedder passed in code (createPersona's embedder option).
  .discriminatedUnion('provider', [z.object({ provider: z.literal('none'), onModelChange }).strict(), openAiCompatibleEmbedder, transformersEmbedder, wordVectorEmbedder])
  .default({ provider: 'none', onModelChange: defaults.embedder.onModelChange });

/** The recall options an embedder's fusion settings set (none unset: tuning.ts decides). */
export function fusionOptions(embedder: z.output<typeof embedderSchema>): { vectorFusion?: 'similarity' | 'rank'; vectorWeight?: number; vectorLimit?: number } {
  if (embedder.provider === 'none') return {};
  return {
    ...(embedder.fusion ? { vectorFusion: embedder.fusion } : {}),
    ...(embedder.fusionWeight !== undefined ? { vectorWeight: embedder.fusionWeight } : {}),
    ...(embedder.fusionHits !== undefined ? { vectorLimit: embedder.fusionHits } : {}),
  };
}

/** A short name of the configured embedder for reports: its model id, or its directory's name. */
export function embedderLabel(embedder: z.output<typeof embedderSchema>): string {
  if (embedder.provider === 'openai-compatible') return embedder.modelId;
  if (embedder.provider === 'transformers') return embedder.modelDir.split(/[\\/]/).filter(Boolean).at(-1) ?? embedder.modelDir;
  if (embedder.provider === 'word-vectors') return 'word-vectors';
  return 'none';
}

export const imageEmbedderSchema = z
  .discriminatedUnion('provider', [
    z.object({ provider: z.literal('none') }).strict(),
    z.object({ provider: z.literal('transformers'), modelDir: z.string().min(1), allowRemoteModels: z.boolean().default(false) }).strict(),
  ])
  .default({ provider: 'none' });

export const memorySchema = z
  .object({
    sessionGapMinutes: positiveInt.default(defaults.memory.sessionGapMinutes),
    recentWindowMinutes: positiveInt.default(defaults.memory.recentWindowMinutes),
    maxRounds: z.number().int().min(1).max(20).default(defaults.memory.maxRounds),
    /** 'fixed': one model call per turn + one per session; 'paper': the official code's 2 + 3. */
    writeBudget: z.enum(['fixed', 'paper']).default(defaults.memory.writeBudget),
    budgetTokens: positiveInt.default(defaults.memory.budgetTokens),
    maxPendingJobsPerUser: positiveInt.default(defaults.memory.maxPendingJobsPerUser),
    /**
     * The IANA zone of the users' clocks: "yesterday", weekdays and prompt times are read in it. One zone per
     * deployment on purpose (a per-user zone would need a user setting in the store; not built yet).
     */
    timeZone: z
      .string()
      .refine(isValidTimeZone, { message: 'is not a time zone this runtime knows: use an IANA name such as "UTC" or "America/Los_Angeles"' })
      .default(defaults.memory.timeZone),
  })
  .strict();

/** The names src/vision reports in visionAvailability() (a test keeps the two lists in step). */
export const analyzerNames = ['colors', 'vector', 'ocr', 'objects', 'faces'] as const;

export const visionSchema = z
  .object({
    analyzers: z.array(z.enum(analyzerNames)).default([...defaults.vision.analyzers]),
    maxImageBytes: positiveInt.default(defaults.vision.maxImageBytes),
    maxPixels: positiveInt.default(defaults.vision.maxPixels),
  })
  .strict();

/** "key=tenant": the tenant is a namespace for user ids, so it holds no ":" (see src/server/tenancy.ts). */
export const apiKeyEntrySchema = z.string().regex(/^[^=\s]+=[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/, 'must be "key=tenant" (tenant: letters, digits and _ . @ -)');

/** A proxy model entry: "name" (allowed as is) or "alias=upstream-id". */
export const proxyModelEntrySchema = z.string().regex(/^[^=\s]+(=[^=\s]+)?$/, 'must be "model" or "alias=upstream-model" (no spaces)');

export const serverSchema = z
  .object({
    host: z.string().min(1).default(defaults.server.host),
    port: z.number().int().min(0).max(65_535).default(defaults.server.port),
    /** API keys, each mapped to its tenant (secrets: env or config file only). */
    apiKeys: z.array(apiKeyEntrySchema).optional(),
    /** A file of "key=tenant" lines (# comments), for keys kept out of the environment. */
    apiKeysFile: z.string().min(1).optional(),
    maxBodyBytes: positiveInt.default(defaults.server.maxBodyBytes),
    /**
     * The models /v1/chat/completions may ask for: "name" passes upstream as is, "alias=upstream-id" maps a name
     * the client knows to the endpoint's id. Unset: any requested model passes through (none: model.modelId).
     */
    proxyModels: z.array(proxyModelEntrySchema).optional(),
  })
  .strict();

export const configSchema = z
  .object({
    store: storeSchema.prefault({}),
    /** Unset: no chat model. Commands that need one fail with ModelNotConfiguredError. */
    model: modelSchema.optional(),
    embedder: embedderSchema,
    imageEmbedder: imageEmbedderSchema,
    memory: memorySchema.prefault({}),
    vision: visionSchema.prefault({}),
    server: serverSchema.prefault({}),
  })
  .strict()
  .superRefine((config, context) => {
    if (config.store.engine === 'postgres' && !config.store.url) {
      context.addIssue({ code: 'custom', path: ['store', 'url'], message: 'is required when store.engine is "postgres"' });
    }
  });

/** The input shape (a config file, before defaults). */
export type ConfigInput = z.input<typeof configSchema>;
export type PersonaConfig = z.output<typeof configSchema>;
export type ModelConfig = z.output<typeof modelSchema>;
export type EmbedderConfig = PersonaConfig['embedder'];
export type ImageEmbedderConfig = PersonaConfig['imageEmbedder'];
export type ServerConfig = z.output<typeof serverSchema>;
