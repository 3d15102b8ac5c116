export { defaults } from './defaults.ts';
export { configSchema, analyzerNames, embedderLabel, type ConfigInput, type PersonaConfig, type ModelConfig, type EmbedderConfig, type ImageEmbedderConfig, type ServerConfig } from './schema.ts';
export { loadConfig, resolveConfigFile, CONFIG_FILE_NAME, type LoadConfigOptions } from './load-config.ts';
export { redactConfig, REDACTED } from './redact-config.ts';
export { configFlagOptions, configFlagsHelp, settings } from './settings.ts';
export { defaultBlobDir, isInMemoryStore } from './blob-dir.ts';
