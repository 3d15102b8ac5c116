// server.proxyModels: from the environment, names and aliases, and the refusals that say what to do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { loadConfig } from '../config/index.ts';
import { proxyModels } from './proxy-models.ts';

test('PERSONAVLM_PROXY_MODELS lists names and aliases; a request is mapped, passed, defaulted or refused', async () => {
  const config = await loadConfig({ cwd: tmpdir(), env: { PERSONAVLM_PROXY_MODELS: 'gpt-4o=qwen2.5vl:7b, llava:13b' } });
  assert.deepEqual(config.server.proxyModels, ['gpt-4o=qwen2.5vl:7b', 'llava:13b']);
  const models = proxyModels(config.server.proxyModels, 'qwen2.5vl:7b');
  assert.equal(models.resolve('gpt-4o'), 'qwen2.5vl:7b');
  assert.equal(models.resolve('llava:13b'), 'llava:13b');
  assert.equal(models.resolve(undefined), 'qwen2.5vl:7b');
  assert.throws(() => models.resolve('qwen2.5vl:7b'), /not offered here; use one of "gpt-4o", "llava:13b"/, 'an upstream id is not a name clients may use unless listed');
  assert.deepEqual(models.offered, ['gpt-4o', 'llava:13b']);

  const open = proxyModels(undefined, 'default-model');
  assert.equal(open.resolve('anything'), 'anything', 'without a list every model passes through');
  assert.deepEqual(open.offered, ['default-model']);
});

test('malformed or contradictory entries are configuration errors', async () => {
  await assert.rejects(loadConfig({ cwd: tmpdir(), env: { PERSONAVLM_PROXY_MODELS: 'a=b=c' } }), /server\.proxyModels/);
  assert.throws(() => proxyModels(['gpt-4o=a', 'gpt-4o=b'], 'x'), /names "gpt-4o" twice/);
  assert.equal(proxyModels(['gpt-4o=a', 'gpt-4o=a'], 'x').resolve('gpt-4o'), 'a');
});
