import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config/load-config.ts';
import { chatClientFromConfig, textEmbedderFromConfig } from './from-config.ts';

test('configuration becomes model objects without any I/O, and no model stays no model', async () => {
  const none = await loadConfig({ cwd: '/nonexistent', env: {} });
  assert.equal(chatClientFromConfig(none.model), undefined);
  assert.equal(textEmbedderFromConfig(none.embedder), undefined);
  const configured = await loadConfig({
    cwd: '/nonexistent',
    env: { PERSONAVLM_MODEL: 'llava:13b', PERSONAVLM_EMBEDDER_DIR: 'models/all-MiniLM-L6-v2' },
  });
  assert.equal(chatClientFromConfig(configured.model)?.modelId, 'llava:13b');
  const embedder = textEmbedderFromConfig(configured.embedder);
  assert.equal(embedder?.modelId, 'transformers/all-MiniLM-L6-v2/mean-normalized');
  const remote = await loadConfig({ cwd: '/nonexistent', env: { PERSONAVLM_EMBEDDER_BASE_URL: 'http://localhost:11434/v1', PERSONAVLM_EMBEDDER_MODEL: 'nomic-embed-text', PERSONAVLM_EMBEDDER_DIMENSIONS: '768' } });
  const remoteEmbedder = textEmbedderFromConfig(remote.embedder);
  assert.equal(remoteEmbedder?.modelId, 'nomic-embed-text');
  assert.equal(remoteEmbedder?.dimensions, 768);
});
