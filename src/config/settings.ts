// Where each setting can come from besides the config file: its PERSONAVLM_* env variable and its CLI flag.
// Secrets have no flag: command lines are visible to every user of the machine (ps, shell history).
export type SettingKind = 'string' | 'int' | 'bool' | 'list';

export interface Setting {
  path: readonly string[];
  env: string;
  flag?: string;
  kind: SettingKind;
  secret?: boolean;
}

const s = (path: string, env: string, kind: SettingKind, flag?: string, secret?: boolean): Setting => ({
  path: path.split('.'),
  env: `PERSONAVLM_${env}`,
  kind,
  ...(flag ? { flag } : {}),
  ...(secret ? { secret } : {}),
});

export const settings: readonly Setting[] = [
  s('store.engine', 'STORE_ENGINE', 'string', 'engine'),
  s('store.dataDir', 'DATA_DIR', 'string', 'data-dir'),
  s('store.url', 'DATABASE_URL', 'string', 'database-url'),
  s('store.blobDir', 'BLOB_DIR', 'string', 'blob-dir'),
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
  s('imageEmbedder.provider', 'IMAGE_EMBEDDER', 'string', 'image-embedder'),
  s('imageEmbedder.modelDir', 'IMAGE_EMBEDDER_DIR', 'string', 'image-embedder-dir'),
  s('memory.sessionGapMinutes', 'SESSION_GAP_MINUTES', 'int', 'session-gap-minutes'),
  s('memory.recentWindowMinutes', 'RECENT_WINDOW_MINUTES', 'int', 'recent-window-minutes'),
  s('memory.maxRounds', 'MAX_ROUNDS', 'int', 'max-rounds'),
  s('memory.writeBudget', 'WRITE_BUDGET', 'string', 'write-budget'),
  s('memory.budgetTokens', 'BUDGET_TOKENS', 'int', 'budget-tokens'),
  s('memory.timeZone', 'TIME_ZONE', 'string', 'time-zone'),
  s('vision.analyzers', 'VISION_ANALYZERS', 'list', 'analyzers'),
  s('vision.maxImageBytes', 'MAX_IMAGE_BYTES', 'int', 'max-image-bytes'),
  s('vision.maxPixels', 'MAX_PIXELS', 'int', 'max-pixels'),
  s('server.host', 'HOST', 'string', 'host'),
  s('server.port', 'PORT', 'int', 'port'),
  s('server.apiKeys', 'API_KEYS', 'list', undefined, true),
  s('server.apiKeysFile', 'API_KEYS_FILE', 'string', 'api-keys-file'),
  s('server.maxBodyBytes', 'MAX_BODY_BYTES', 'int', 'max-body-bytes'),
];

/** Flags that carry secrets and are refused, with the env variable to use instead. */
export const refusedSecretFlags: Record<string, string> = { 'api-key': 'PERSONAVLM_API_KEY', 'embedder-api-key': 'PERSONAVLM_EMBEDDER_API_KEY' };

/** node:util parseArgs options for every configuration flag, for commands to spread into their own. */
export function configFlagOptions(): Record<string, { type: 'string' }> {
  const options: Record<string, { type: 'string' }> = { config: { type: 'string' } };
  for (const setting of settings) if (setting.flag) options[setting.flag] = { type: 'string' };
  return options;
}
