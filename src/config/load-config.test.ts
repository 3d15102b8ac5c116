import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../errors/index.ts';
import { loadConfig } from './load-config.ts';
import { redactConfig, REDACTED } from './redact-config.ts';
import { configFlagOptions } from './settings.ts';

async function withDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'personavlm-config-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('defaults: PGlite under ./.personavlm/data resolved against cwd, no model, no embedder', async () => {
  await withDir(async (cwd) => {
    const config = await loadConfig({ cwd, env: {} });
    assert.equal(config.store.engine, 'pglite');
    assert.equal(config.store.dataDir, join(cwd, '.personavlm/data'));
    assert.equal(config.store.blobDir, join(cwd, '.personavlm/data-blobs'));
    assert.equal(config.model, undefined);
    assert.deepEqual(config.embedder, { provider: 'none', onModelChange: 'warn' });
    assert.equal(config.memory.sessionGapMinutes, 60);
    assert.equal(config.memory.maxRounds, 6);
  });
});

test('precedence: flags > env > config file > defaults, and the API key comes from the env', async () => {
  await withDir(async (cwd) => {
    await writeFile(join(cwd, 'personavlm.config.json'), JSON.stringify({ model: { modelId: 'from-file', baseUrl: 'http://file:1/v1', timeoutMs: 5000 }, memory: { maxRounds: 3 } }));
    const config = await loadConfig({
      cwd,
      env: { PERSONAVLM_MODEL: 'from-env', PERSONAVLM_MODEL_BASE_URL: 'http://env:2/v1', PERSONAVLM_API_KEY: 'sk-env' },
      flags: { model: 'from-flag', 'max-rounds': '4' },
    });
    assert.equal(config.model?.modelId, 'from-flag');
    assert.equal(config.model?.baseUrl, 'http://env:2/v1');
    assert.equal(config.model?.timeoutMs, 5000);
    assert.equal(config.model?.apiKey, 'sk-env');
    assert.equal(config.memory.maxRounds, 4);
  });
});

test('a database URL alone selects PostgreSQL; an embedder dir alone selects transformers', async () => {
  await withDir(async (cwd) => {
    const config = await loadConfig({ cwd, env: { PERSONAVLM_DATABASE_URL: 'postgres://u:pw@db:5432/p', PERSONAVLM_EMBEDDER_DIR: 'models/minilm' } });
    assert.equal(config.store.engine, 'postgres');
    await assert.rejects(
      loadConfig({ cwd, env: { PERSONAVLM_DATABASE_URL: 'postgres://u:pw@db:5432/p' }, flags: { 'data-dir': './mine' } }),
      /store\.dataDir \(set in flag --data-dir\) is the embedded database's directory, but the PostgreSQL engine is selected/,
      'a --data-dir the server engine would ignore is an error, not silence',
    );
    assert.deepEqual(config.embedder, { provider: 'transformers', modelDir: join(cwd, 'models/minilm'), pooling: 'mean', normalize: true, maxBatchSize: 64, allowRemoteModels: false, onModelChange: 'warn' });
  });
});

test('a higher layer switching the embedder provider drops the lower layer settings', async () => {
  await withDir(async (cwd) => {
    await writeFile(join(cwd, 'personavlm.config.json'), JSON.stringify({ embedder: { provider: 'transformers', modelDir: '/m' } }));
    const config = await loadConfig({ cwd, env: { PERSONAVLM_EMBEDDER: 'none' } });
    assert.deepEqual(config.embedder, { provider: 'none', onModelChange: 'warn' });
  });
});

test('invalid values name the field, where it was set, and the fix', async () => {
  await withDir(async (cwd) => {
    await assert.rejects(loadConfig({ cwd, env: { PERSONAVLM_MODEL_BASE_URL: 'localhost:11434' } }), (error) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /model\.baseUrl: .*env PERSONAVLM_MODEL_BASE_URL/);
      return true;
    });
    await assert.rejects(loadConfig({ cwd, env: { PERSONAVLM_MAX_ROUNDS: 'six' } }), /PERSONAVLM_MAX_ROUNDS must be a whole number, got "six"/);
    await assert.rejects(loadConfig({ cwd, env: { PERSONAVLM_STORE_ENGINE: 'postgres' } }), /store\.url: is required when store\.engine is "postgres"/);
    const file = join(cwd, 'custom.json');
    await writeFile(file, JSON.stringify({ memory: { maxRounds: 3, maxRuonds: 2 } }));
    await assert.rejects(loadConfig({ cwd, configFile: 'custom.json' }), (error) => error instanceof ConfigError && error.message.includes('maxRuonds') && error.message.includes(`config file ${file}`));
    await writeFile(file, '{ not json');
    await assert.rejects(loadConfig({ cwd, configFile: file }), /is not valid JSON/);
    await assert.rejects(loadConfig({ cwd, configFile: 'missing.json' }), /Cannot read the config file/);
  });
});

test('secrets are refused on the command line and redacted when printed', async () => {
  await withDir(async (cwd) => {
    await assert.rejects(loadConfig({ cwd, flags: { 'api-key': 'sk-1' } }), /PERSONAVLM_API_KEY/);
    await assert.rejects(loadConfig({ cwd, flags: { 'database-url': 'postgres://u:secret@h/db' } }), /PERSONAVLM_DATABASE_URL/);
    const config = await loadConfig({ cwd, env: { PERSONAVLM_MODEL: 'm', PERSONAVLM_API_KEY: 'sk-secret', PERSONAVLM_DATABASE_URL: 'postgres://u:secret@h/db' } });
    const printed = JSON.stringify(redactConfig(config));
    assert.ok(!printed.includes('secret'), printed);
    assert.equal(redactConfig(config).model?.apiKey, REDACTED);
    assert.match(redactConfig(config).store.url ?? '', /^postgres:\/\/u:%5Bredacted%5D@h\/db$/);
  });
});

test('every configuration flag is declared for parseArgs', () => {
  const options = configFlagOptions();
  assert.deepEqual(options['data-dir'], { type: 'string' });
  assert.equal(options['api-key'], undefined);
});

test('the configurable analyzers are the ones src/vision reports', async () => {
  const { ANALYZER_NAMES } = await import('../vision/index.ts');
  const { analyzerNames } = await import('./schema.ts');
  for (const name of analyzerNames) assert.ok((ANALYZER_NAMES as readonly string[]).includes(name), name);
});

test('memory.timeZone: UTC by default, from PERSONAVLM_TIME_ZONE or --time-zone, and an unknown zone is a ConfigError', async () => {
  await withDir(async (cwd) => {
    assert.equal((await loadConfig({ cwd, env: {} })).memory.timeZone, 'UTC');
    assert.equal((await loadConfig({ cwd, env: { PERSONAVLM_TIME_ZONE: 'Europe/Lisbon' } })).memory.timeZone, 'Europe/Lisbon');
    const flagged = await loadConfig({ cwd, env: { PERSONAVLM_TIME_ZONE: 'Europe/Lisbon' }, flags: { 'time-zone': 'America/Los_Angeles' } });
    assert.equal(flagged.memory.timeZone, 'America/Los_Angeles');
    await assert.rejects(loadConfig({ cwd, env: { PERSONAVLM_TIME_ZONE: 'Pacific/Nowhere' } }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /memory\.timeZone/);
      assert.match(error.message, /PERSONAVLM_TIME_ZONE/);
      assert.match(error.message, /IANA name/);
      return true;
    });
  });
});

test('an API key, an endpoint or a timeout alone is refused: no prompt goes to a default model nobody named', async () => {
  await withDir(async (cwd) => {
    await assert.rejects(loadConfig({ cwd, env: { PERSONAVLM_API_KEY: 'sk-test' } }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /model\.apiKey \(env PERSONAVLM_API_KEY\) configure a chat model, but no model id is set/);
      assert.match(error.message, /PERSONAVLM_MODEL=/);
      return true;
    });
    await assert.rejects(loadConfig({ cwd, env: {}, flags: { 'model-base-url': 'https://api.openai.com/v1' } }), /model\.baseUrl \(flag --model-base-url\)/);
    const named = await loadConfig({ cwd, env: { PERSONAVLM_API_KEY: 'sk-test', PERSONAVLM_MODEL: 'gpt-4o', PERSONAVLM_MODEL_BASE_URL: 'https://api.openai.com/v1' } });
    assert.equal(named.model?.modelId, 'gpt-4o');
    assert.equal(named.model?.apiKey, 'sk-test');
    // A model id alone is the local Ollama default endpoint, as documented.
    assert.equal((await loadConfig({ cwd, env: { PERSONAVLM_MODEL: 'qwen2.5vl:7b' } })).model?.baseUrl, 'http://localhost:11434/v1');
  });
});

test('an embedder\'s recall fusion comes from its settings, unset parts from tuning.ts, bad values refused', async () => {
  const { fusionOptions } = await import('./schema.ts');
  const env = { PERSONAVLM_EMBEDDER: 'word-vectors', PERSONAVLM_EMBEDDER_FUSION: 'rank', PERSONAVLM_EMBEDDER_FUSION_WEIGHT: '0.2', PERSONAVLM_EMBEDDER_FUSION_HITS: '30' };
  const config = await loadConfig({ flags: {}, env, cwd: '/tmp' });
  assert.deepEqual(fusionOptions(config.embedder), { vectorFusion: 'rank', vectorWeight: 0.2, vectorLimit: 30 });
  const partial = await loadConfig({ flags: { 'embedder-fusion-weight': '0.05' }, env: { PERSONAVLM_EMBEDDER: 'word-vectors' }, cwd: '/tmp' });
  assert.deepEqual(fusionOptions(partial.embedder), { vectorWeight: 0.05 });
  assert.deepEqual(fusionOptions((await loadConfig({ flags: {}, env: {}, cwd: '/tmp' })).embedder), {});
  await assert.rejects(loadConfig({ flags: {}, env: { ...env, PERSONAVLM_EMBEDDER_FUSION: 'cosine' }, cwd: '/tmp' }), ConfigError);
  await assert.rejects(loadConfig({ flags: {}, env: { ...env, PERSONAVLM_EMBEDDER_FUSION_WEIGHT: 'heavy' }, cwd: '/tmp' }), ConfigError);
});
