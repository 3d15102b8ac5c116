// loadConfig: flags > env (PERSONAVLM_*) > config file (personavlm.config.json) > defaults, validated by one
// schema. Secrets come only from env or the config file.
import { access, readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { z } from 'zod';
import { ConfigError } from '../errors/index.ts';
import { ConfigLayers, convertSetting, type Raw } from './config-layers.ts';
import { configSchema, type PersonaConfig } from './schema.ts';
import { defaultWordVectorDir } from './word-vector-dir.ts';
import { defaultBlobDir, isInMemoryStore } from './blob-dir.ts';
import { defaults } from './defaults.ts';
import { refusedSecretFlags, settings } from './settings.ts';

export const CONFIG_FILE_NAME = 'personavlm.config.json';

export interface LoadConfigOptions {
  /** Parsed CLI flags by kebab-case name (see configFlagOptions). Unknown names are ignored. */
  flags?: Record<string, unknown>;
  env?: Record<string, string | undefined>;
  /** Explicit file; otherwise --config, PERSONAVLM_CONFIG, or personavlm.config.json in cwd when present. */
  configFile?: string;
  cwd: string;
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/** The config file loadConfig would read, or undefined when there is none. */
export async function resolveConfigFile(options: LoadConfigOptions): Promise<string | undefined> {
  const explicit = options.configFile ?? (typeof options.flags?.config === 'string' ? options.flags.config : undefined) ?? options.env?.PERSONAVLM_CONFIG;
  if (explicit) return resolve(options.cwd, explicit);
  const found = join(options.cwd, CONFIG_FILE_NAME);
  return (await exists(found)) ? found : undefined;
}

async function readConfigFile(path: string): Promise<Raw> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the config file ${path}. Check the path given by --config or PERSONAVLM_CONFIG.`, { cause: error });
  }
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`The config file ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof content !== 'object' || content === null || Array.isArray(content)) throw new ConfigError(`The config file ${path} must hold a JSON object.`);
  return content as Raw;
}

function refuseSecretsInFlags(flags: Record<string, unknown>): void {
  for (const [flag, env] of Object.entries(refusedSecretFlags)) {
    if (flags[flag] !== undefined) throw new ConfigError(`--${flag} is not accepted: command lines are visible to other users. Set ${env} in the environment or put it in ${CONFIG_FILE_NAME}.`);
  }
  const url = flags['database-url'];
  if (typeof url === 'string' && URL.canParse(url) && new URL(url).password) {
    throw new ConfigError('--database-url holds a password, and command lines are visible to other users. Set PERSONAVLM_DATABASE_URL in the environment instead.');
  }
}

function inferProviders(layers: ConfigLayers): void {
  const infer = (section: string, key: string, provider: string) => {
    if (layers.get([section, 'provider']) === undefined && layers.get([section, key]) !== undefined) layers.set([section, 'provider'], provider, layers.sourceOf([section, key]));
  };
  infer('embedder', 'modelDir', 'transformers');
  infer('embedder', 'baseUrl', 'openai-compatible');
  // onModelChange alone also governs an embedder passed in code, so it needs no configured one.
  infer('embedder', 'onModelChange', 'none');
  infer('imageEmbedder', 'modelDir', 'transformers');
  // A database URL alone means "use that PostgreSQL server".
  if (layers.get(['store', 'engine']) === undefined && layers.get(['store', 'url']) !== undefined) layers.set(['store', 'engine'], 'postgres', layers.sourceOf(['store', 'url']));
  // A data directory given beside a PostgreSQL server would be ignored without a word: say which wins instead.
  if (layers.get(['store', 'engine']) === 'postgres' && layers.get(['store', 'dataDir']) !== undefined) {
    throw new ConfigError(`store.dataDir (set in ${layers.sourceOf(['store', 'dataDir'])}) is the embedded database's directory, but the PostgreSQL engine is selected (set in ${layers.sourceOf(['store', 'engine'])}). Drop one: unset PERSONAVLM_DATABASE_URL / store.url to use the directory, or the directory to use the server.`);
  }
}

function requireModelId(layers: ConfigLayers): void {
  // A model is only ever what a person named: a key, a timeout or an endpoint alone must not send prompts to the
  // default model id on localhost without a word.
  const modelSettings = ['baseUrl', 'apiKey', 'apiKeyEnv', 'timeoutMs', 'maxRetries', 'responseFormat', 'provider'].filter((key) => layers.get(['model', key]) !== undefined);
  if (layers.get(['model', 'modelId']) === undefined && modelSettings.length > 0) {
    const given = modelSettings.map((key) => `model.${key} (${layers.sourceOf(['model', key])})`).join(', ');
    throw new ConfigError(
      `${given} configure a chat model, but no model id is set. Name the model with PERSONAVLM_MODEL (or --model, model.modelId), e.g. PERSONAVLM_MODEL=gpt-4o PERSONAVLM_MODEL_BASE_URL=https://api.openai.com/v1, or PERSONAVLM_MODEL=${defaults.model.modelId} for a local Ollama (base URL ${defaults.model.baseUrl}).`,
    );
  }
}

function toConfigError(error: z.ZodError, layers: ConfigLayers): ConfigError {
  const problems = error.issues.flatMap((issue) => {
    // A misspelled key is reported at its own path, where the person typed it.
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    const message = issue.code === 'unrecognized_keys' ? 'unknown setting (check its spelling against the documented names)' : issue.message;
    return paths.map((path) => ({ field: path.join('.') || '(top level)', source: layers.sourceOf(path), message }));
  });
  const lines = problems.map((p) => `  - ${p.field}: ${p.message} (set in ${p.source}).`);
  return new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nFix the value where it is set; \`personavlm doctor\` shows the configuration in effect.`, {
    details: { problems },
  });
}

function finish(config: PersonaConfig, options: LoadConfigOptions): PersonaConfig {
  const env = options.env ?? {};
  const inMemory = isInMemoryStore(config.store);
  const dataDir = inMemory ? config.store.dataDir : resolve(options.cwd, config.store.dataDir);
  const blobDir = config.store.blobDir ? resolve(options.cwd, config.store.blobDir) : inMemory ? undefined : defaultBlobDir(config.store, options.cwd);
  const store = { ...config.store, dataDir, ...(blobDir ? { blobDir } : {}) };
  const model = config.model && { ...config.model, apiKey: config.model.apiKey ?? env[config.model.apiKeyEnv] };
  let embedder = config.embedder;
  if (embedder.provider === 'openai-compatible' && !embedder.apiKey && embedder.apiKeyEnv) embedder = { ...embedder, apiKey: env[embedder.apiKeyEnv] };
  if (embedder.provider === 'transformers' && !isAbsolute(embedder.modelDir)) embedder = { ...embedder, modelDir: resolve(options.cwd, embedder.modelDir) };
  if (embedder.provider === 'word-vectors') embedder = { ...embedder, modelDir: embedder.modelDir ? resolve(options.cwd, embedder.modelDir) : defaultWordVectorDir(env) };
  let imageEmbedder = config.imageEmbedder;
  if (imageEmbedder.provider === 'transformers') imageEmbedder = { ...imageEmbedder, modelDir: resolve(options.cwd, imageEmbedder.modelDir) };
  return { ...config, store, ...(model ? { model } : {}), embedder, imageEmbedder };
}

export async function loadConfig(options: LoadConfigOptions): Promise<PersonaConfig> {
  const env = options.env ?? {};
  const flags = options.flags ?? {};
  refuseSecretsInFlags(flags);
  const layers = new ConfigLayers();
  const file = await resolveConfigFile(options);
  if (file) layers.addFile(await readConfigFile(file), `config file ${file}`);
  for (const setting of settings) {
    const value = env[setting.env];
    if (value !== undefined && value !== '') layers.set(setting.path, convertSetting(setting, value, setting.env), `env ${setting.env}`);
  }
  for (const setting of settings) {
    const value = setting.flag ? flags[setting.flag] : undefined;
    if (value !== undefined) layers.set(setting.path, convertSetting(setting, value, `--${setting.flag}`), `flag --${setting.flag}`);
  }
  inferProviders(layers);
  const parsed = configSchema.safeParse(layers.raw);
  if (!parsed.success) throw toConfigError(parsed.error, layers);
  requireModelId(layers);
  return finish(parsed.data, options);
}
