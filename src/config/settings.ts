// Where each setting can come from besides the config file: its PERSONAVLM_* env variable and its CLI flag.
// Secrets have no flag: command lines are visible to every user of the machine (ps, shell history).
export type SettingKind = 'string' | 'int' | 'bool' | 'list';

export interface Setting {
  path: readonly string[];
  env: string;
  flag?: string;
  kind: SettingKind;
  secret?: boolean;
  /** One line for --help. */
  doc: string;
}

const s = (path: string, env: string, kind: SettingKind, flag?: string, secret?: boolean): Setting => ({
  path: path.split('.'),
  doc: docOf(path),
  env: `PERSONAVLM_${env}`,
  kind,
  ...(flag ? { flag } : {}),
  ...(secret ? { secret } : {}),
});

/** A setting without a line for --help is a mistake in this file: it fails at load, not silently in the help. */
const docOf = (path: string): string => {
  const doc = DOCS[path];
  if (!doc) throw new Error(`settings.ts: no --help line for ${path} in DOCS`);
  return doc;
};

const DOCS: Record<string, string> = {
  'store.engine': 'pglite (embedded, default) or postgres',
  'store.dataDir': 'the embedded database directory (default ./.personavlm/data; :memory: for none)',
  'store.url': 'a PostgreSQL URL (selects the postgres engine)',
  'store.maxTextChars': 'longest turn text or memory content, characters (default 100000)',
  'store.blobDir': 'where image files are kept (default beside the database)',
  'store.pgliteBufferMiB': "the embedded database's buffer cache, MiB (default 16)",
  'model.baseUrl': "the chat model's OpenAI-compatible endpoint (e.g. http://localhost:11434/v1)",
  'model.modelId': 'the chat model id (e.g. qwen2.5vl:7b)',
  'model.apiKey': "the chat endpoint's API key",
  'model.timeoutMs': 'timeout of one model call, ms',
  'model.maxRetries': 'retries of a timed-out or 5xx model call',
  'model.responseFormat': 'auto | json_schema | json_object | off',
  'embedder.provider': 'none | openai-compatible | transformers | word-vectors (offline GloVe vectors: personavlm word-vectors install)',
  'embedder.baseUrl': "the embedder's OpenAI-compatible endpoint",
  'embedder.modelId': 'the embedding model id (e.g. nomic-embed-text)',
  'embedder.modelDir': 'a local ONNX model directory (transformers), or the word-vector cache (word-vectors)',
  'embedder.dimensions': 'the vector size to request or expect',
  'embedder.apiKey': "the embedder endpoint's API key",
  'embedder.onModelChange': 'warn | refuse, when stored vectors come from another model',
  'embedder.fusion': 'recall: how vector hits join the lexical score, similarity | rank (bench locomo --mode tune chooses)',
  'embedder.fusionWeight': 'recall: weight of the vector evidence beside the lexical score (best turn = 1)',
  'embedder.fusionHits': 'recall: vector hits asked per query and target',
  'imageEmbedder.provider': 'none (offline colour-layout vectors, default) | transformers',
  'imageEmbedder.modelDir': 'a local CLIP-style ONNX model directory',
  'memory.sessionGapMinutes': 'a silence this long starts a new session',
  'memory.recentWindowMinutes': 'how much of the current conversation the answer prompt sees',
  'memory.maxRounds': 'think/retrieve rounds before the answer',
  'memory.writeBudget': 'fixed (1 call per turn + 1 per session) | paper (2 + 3)',
  'memory.maxPendingJobsPerUser': 'update jobs a user may have waiting before new turns wait (default 200)',
  'memory.budgetTokens': 'tokens of memory context per retrieval',
  'memory.timeZone': "IANA zone the users' dates are read in (default UTC)",
  'vision.analyzers': 'comma list of colors,vector,ocr,objects,faces (default all)',
  'vision.maxImageBytes': 'largest image accepted, bytes',
  'vision.maxPixels': 'largest image accepted, pixels',
  'server.host': 'serve: interface to listen on (default 127.0.0.1)',
  'server.port': 'serve: port',
  'server.apiKeys': 'serve: key=tenant pairs, comma separated',
  'server.apiKeysFile': 'serve: a file of key=tenant lines',
  'server.maxBodyBytes': 'serve: largest request body, bytes',
  'server.proxyModels': 'serve: models /v1/chat/completions may use: name or alias=upstream-id, comma separated',
};

export const settings: readonly Setting[] = [
  s('store.engine', 'STORE_ENGINE', 'string', 'engine'),
  s('store.dataDir', 'DATA_DIR', 'string', 'data-dir'),
  s('store.url', 'DATABASE_URL', 'string', 'database-url'),
  s('store.blobDir', 'BLOB_DIR', 'string', 'blob-dir'),
  s('store.maxTextChars', 'MAX_TEXT_CHARS', 'int', 'max-text-chars'),
  s('store.pgliteBufferMiB', 'PGLITE_BUFFER_MIB', 'int', 'pglite-buffer-mib'),
  s('model.baseUrl', 'MODEL_BASE_URL', 'string', 'model-base-url'),
  s('model.modelId', 'MODEL', 'string', 'model'),
  s('model.apiKey', 'API_KEY', 'string', undefined, true),
  s('model.timeoutMs', 'MODEL_TIMEOUT_MS', 'int', 'model-timeout-ms'),
  s('model.maxRetries', 'MODEL_MAX_RETRIES', 'int', 'model-max-retries'),
  s('model.responseFormat', 'MODEL_RESPONSE_FORMAT', 'string', 'model-response-format'),
  s('embedder.provider', 'EMBEDDER', 'string', 'embedder'),
  s('embedder.baseUrl', 'EMBEDDER_BASE_URL', 'string', 'embedder-base-url'),
  s('embedder.modelId', 'EMBEDDER_MODEL', 'string', 'embedder-model'),
  s('embedder.modelDir', 'EMBEDDER_DIR', 'string', 'embedder-dir'),
  s('embedder.dimensions', 'EMBEDDER_DIMENSIONS', 'int', 'embedder-dimensions'),
  s('embedder.apiKey', 'EMBEDDER_API_KEY', 'string', undefined, true),
  s('embedder.onModelChange', 'EMBEDDER_ON_MODEL_CHANGE', 'string', 'embedder-on-model-change'),
  s('embedder.fusion', 'EMBEDDER_FUSION', 'string', 'embedder-fusion'),
  s('embedder.fusionWeight', 'EMBEDDER_FUSION_WEIGHT', 'string', 'embedder-fusion-weight'),
  s('embedder.fusionHits', 'EMBEDDER_FUSION_HITS', 'int', 'embedder-fusion-hits'),
  s('imageEmbedder.provider', 'IMAGE_EMBEDDER', 'string', 'image-embedder'),
  s('imageEmbedder.modelDir', 'IMAGE_EMBEDDER_DIR', 'string', 'image-embedder-dir'),
  s('memory.sessionGapMinutes', 'SESSION_GAP_MINUTES', 'int', 'session-gap-minutes'),
  s('memory.recentWindowMinutes', 'RECENT_WINDOW_MINUTES', 'int', 'recent-window-minutes'),
  s('memory.maxRounds', 'MAX_ROUNDS', 'int', 'max-rounds'),
  s('memory.writeBudget', 'WRITE_BUDGET', 'string', 'write-budget'),
  s('memory.budgetTokens', 'BUDGET_TOKENS', 'int', 'budget-tokens'),
  s('memory.maxPendingJobsPerUser', 'MAX_PENDING_JOBS', 'int', 'max-pending-jobs'),
  s('memory.timeZone', 'TIME_ZONE', 'string', 'time-zone'),
  s('vision.analyzers', 'VISION_ANALYZERS', 'list', 'analyzers'),
  s('vision.maxImageBytes', 'MAX_IMAGE_BYTES', 'int', 'max-image-bytes'),
  s('vision.maxPixels', 'MAX_PIXELS', 'int', 'max-pixels'),
  s('server.host', 'HOST', 'string', 'host'),
  s('server.port', 'PORT', 'int', 'port'),
  s('server.apiKeys', 'API_KEYS', 'list', undefined, true),
  s('server.apiKeysFile', 'API_KEYS_FILE', 'string', 'api-keys-file'),
  s('server.maxBodyBytes', 'MAX_BODY_BYTES', 'int', 'max-body-bytes'),
  s('server.proxyModels', 'PROXY_MODELS', 'list', 'proxy-models'),
];

/** Flags that carry secrets and are refused, with the env variable to use instead. */
export const refusedSecretFlags: Record<string, string> = { 'api-key': 'PERSONAVLM_API_KEY', 'embedder-api-key': 'PERSONAVLM_EMBEDDER_API_KEY' };

/** node:util parseArgs options for every configuration flag, for commands to spread into their own. */
export function configFlagOptions(): Record<string, { type: 'string' }> {
  const options: Record<string, { type: 'string' }> = { config: { type: 'string' } };
  for (const setting of settings) if (setting.flag) options[setting.flag] = { type: 'string' };
  return options;
}

/** The configuration section every command's --help ends with: each flag, its env variable, what it sets. */
export function configFlagsHelp(): string {
  const rows = [
    ['--config <file>', 'PERSONAVLM_CONFIG', 'a JSON config file (default ./personavlm.config.json when present)'],
    ...settings.map((setting) => [setting.flag ? `--${setting.flag} <${setting.kind === 'int' ? 'n' : 'value'}>` : '(no flag: secret)', setting.env, setting.doc]),
  ];
  const width = Math.max(...rows.map((row) => row[0]!.length));
  const envWidth = Math.max(...rows.map((row) => row[1]!.length));
  return [
    '',
    'Configuration (flags > PERSONAVLM_* environment > personavlm.config.json > defaults; `personavlm doctor` shows what is in effect):',
    ...rows.map(([flag, env, doc]) => `  ${flag!.padEnd(width)}  ${env!.padEnd(envWidth)}  ${doc}`),
    '',
  ].join('\n');
}
