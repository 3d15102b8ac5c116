// API keys come from configuration only (env list or a keys file), are validated once, and never printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, redactConfig } from '../config/index.ts';
import { loadApiKeys, parseApiKeyEntries } from './api-keys.ts';
import { tenantAuth } from './auth.ts';

test('PERSONAVLM_API_KEYS and a keys file give key → tenant; printed configuration hides the keys', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'personavlm-keys-'));
  try {
    const file = join(dir, 'keys.txt');
    await writeFile(file, '# operator keys\nsecret-c=initech\n\nsecret-a=acme\n');
    const config = await loadConfig({ cwd: dir, env: { PERSONAVLM_API_KEYS: 'secret-a=acme, secret-b=globex', PERSONAVLM_API_KEYS_FILE: file } });
    assert.deepEqual(config.server.apiKeys, ['secret-a=acme', 'secret-b=globex']);
    assert.deepEqual(await loadApiKeys(config.server), { 'secret-a': 'acme', 'secret-b': 'globex', 'secret-c': 'initech' });
    assert.doesNotMatch(JSON.stringify(redactConfig(config)), /secret-a|secret-b/);
    assert.deepEqual({ host: config.server.host, port: config.server.port }, { host: '127.0.0.1', port: 8787 });

    await writeFile(file, 'secret-a=globex\n');
    await assert.rejects(loadApiKeys({ apiKeys: ['secret-a=acme'], apiKeysFile: file }), /different tenants/);
    await assert.rejects(loadApiKeys({ apiKeysFile: join(dir, 'missing.txt') }), /Cannot read the API keys file/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('malformed entries are refused by position, never echoed; a tenant may not hold ":"', async () => {
  assert.throws(() => parseApiKeyEntries(['ok=acme', 'leaked-secret'], 'env'), (error: Error) => /#2/.test(error.message) && !/leaked-secret/.test(error.message));
  assert.throws(() => parseApiKeyEntries(['k=acme:evil'], 'env'), /tenant/);
  assert.throws(() => parseApiKeyEntries(['k=acme', 'k=globex'], 'env'), /repeats an earlier key/);
  await assert.rejects(loadConfig({ cwd: tmpdir(), env: { PERSONAVLM_API_KEYS: 'no-tenant-here' } }), (error: Error) => /server\.apiKeys/.test(error.message) && !/no-tenant-here/.test(error.message));
  assert.throws(() => tenantAuth({ keys: {} }), /No API keys are configured/);
  assert.throws(() => tenantAuth({ keys: { k: 'a:b' } }), /no ":"/);
});
