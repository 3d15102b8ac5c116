// The package as a user gets it: `npm pack` (which builds dist/), installed into an empty folder with npm and no
// network (every tarball from the npm cache `npm ci` filled, pinned by a lockfile derived from ours), then the
// README's "In code" example run against it: recall with no model, chat through an OpenAI-compatible endpoint
// (the package's own test server, from `personavlm/testing`), and the update phase storing a memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = new URL('..', import.meta.url).pathname;

interface LockEntry {
  version?: string;
  dev?: boolean;
  [key: string]: unknown;
}

/** Our lockfile's runtime packages (dev ones dropped) under a project that depends on the tarball. */
async function consumerLock(tarball: string, integrity: string): Promise<object> {
  const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const packages: Record<string, unknown> = {
    '': { name: 'consumer', dependencies: { personavlm: `file:${tarball}` } },
    'node_modules/personavlm': {
      version: manifest.version,
      resolved: `file:${tarball}`,
      integrity,
      license: manifest.license,
      dependencies: manifest.dependencies,
      optionalDependencies: manifest.optionalDependencies,
      bin: manifest.bin,
      engines: manifest.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) if (path !== '' && !entry.dev) packages[path] = entry;
  return { name: 'consumer', lockfileVersion: 3, requires: true, packages };
}

const EXAMPLE = `
import { createPersona } from 'personavlm';
import { startOpenAiCompatibleServer, chatChunks, chatCompletion } from 'personavlm/testing';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';

// Without a model: store turns, recall them.
const offline = createPersona({ model: null, config: { store: { dataDir: './memory-offline' } } });
await offline.open();
await offline.recordTurn({ userId: 'ana', role: 'user', text: 'I moved to Lisbon last week, I love the light here.', at: new Date('2026-03-10T09:00:00Z') });
const recalled = await offline.recall({ userId: 'ana', query: 'Where do I live?', at: new Date('2026-03-20T09:00:00Z'), budgetTokens: 500 });
await offline.close();

// With a model: the README example against an OpenAI-compatible endpoint.
const server = await startOpenAiCompatibleServer();
server.script('POST /chat/completions',
  { sse: chatChunks(['<think>A preference.</think>', '<answer>Noted: green tea.</answer>']) },
  { json: chatCompletion(JSON.stringify({ personality: { openness: 4, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 }, memories: [{ reason: 'a lasting preference', decision: 'store', category: 'preference', key: 'drink', content: 'User drinks green tea.', keywords: ['green tea'] }] })) });
const model = createOpenAICompatible({ name: 'ollama', baseURL: server.baseUrl }).chatModel('qwen2.5vl:7b');
const persona = createPersona({ model, config: { store: { dataDir: './memory' } } });
await persona.open();
persona.worker.start();
const { answer } = await persona.chat({ userId: 'ana', text: 'I switched to green tea.' });
await persona.drain('ana');
const memories = await persona.memories.list('ana');
const { items } = await persona.recall({ userId: 'ana', query: 'what do I drink?', at: new Date(), budgetTokens: 1000 });
await persona.close();
await server.close();
console.log(JSON.stringify({ recalled: recalled.items.map((item) => item.text), answer, memories: memories.map((memory) => memory.content), items: items.length, unscripted: server.unscripted.length }));
`;

const INSPECTOR_CHECK = `
import { createPersona, createServer } from 'personavlm';
const persona = createPersona({ model: null, config: { store: { dataDir: ':memory:' } } });
const app = createServer({ persona, auth: { disabled: true } });
const served = {};
const pending = ['/inspector', '/favicon.ico', '/inspector/vendor/uplot.css', '/inspector/assets/style.css', '/inspector/assets/app.js'];
while (pending.length > 0) {
  const path = pending.pop();
  if (path in served) continue;
  const response = await app.request(path);
  served[path] = response.status;
  const text = await response.text();
  for (const [, specifier] of text.matchAll(/^import [^;]*?from '([^']+)';/gm)) pending.push(new URL(specifier, 'http://x' + path).pathname);
}
console.log(JSON.stringify(served));
`;

test('npm pack installs offline into an empty folder and runs the README example', { timeout: 600_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'personavlm-pack-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  // pack runs the prepare script: dist/ is built fresh from these sources.
  const packed = await run('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  const name = packed.stdout.trim().split('\n').at(-1)!;
  const tarball = join(dir, name);
  const integrity = `sha512-${createHash('sha512').update(await readFile(tarball)).digest('base64')}`;
  const listed = await run('tar', ['tzf', tarball]);
  for (const file of ['package/dist/index.js', 'package/dist/testing.js', 'package/dist/cli/main.js', 'package/bin/personavlm.js', 'package/examples/sample-history.jsonl', 'package/LICENSE', 'package/dist/server/inspector/assets/index.html', 'package/dist/server/inspector/assets/app.js']) {
    assert.ok(listed.stdout.split('\n').includes(file), `${file} is in the tarball`);
  }
  assert.ok(!listed.stdout.includes('.test.js'), 'no test files in the package');

  const app = join(dir, 'app');
  await run('mkdir', [app]);
  const manifest = {
    name: 'consumer',
    private: true,
    type: 'module',
    dependencies: { personavlm: `file:../${name}` },
    // onnxruntime-node's install script fetches GPU libraries from the internet; the CPU build ships in its package.
    allowScripts: { 'onnxruntime-node': false, 'core-js': false, protobufjs: false, 'tesseract.js': false },
  };
  await writeFile(join(app, 'package.json'), JSON.stringify(manifest, null, 2));
  await writeFile(join(app, 'package-lock.json'), JSON.stringify(await consumerLock(`../${name}`, integrity), null, 2));
  await run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, maxBuffer: 16 * 1024 * 1024 });
  assert.ok((await readdir(join(app, 'node_modules/personavlm/dist'))).includes('index.js'));

  await writeFile(join(app, 'example.mjs'), EXAMPLE);
  const example = await run(process.execPath, ['example.mjs'], { cwd: app, maxBuffer: 16 * 1024 * 1024 });
  const result = JSON.parse(example.stdout.trim().split('\n').at(-1)!) as { recalled: string[]; answer: string; memories: string[]; items: number; unscripted: number };
  assert.match(result.recalled.join('\n'), /moved to Lisbon/);
  assert.equal(result.answer, 'Noted: green tea.');
  assert.deepEqual(result.memories, ['User drinks green tea.']);
  assert.ok(result.items > 0);
  assert.equal(result.unscripted, 0);

  // The inspector as an installed package serves it: its page, its modules and the libraries they import.
  await writeFile(join(app, 'inspector.mjs'), INSPECTOR_CHECK);
  const inspector = await run(process.execPath, ['inspector.mjs'], { cwd: app, maxBuffer: 16 * 1024 * 1024 });
  const served = JSON.parse(inspector.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
  assert.ok(Object.keys(served).length >= 14, Object.keys(served).join(' '));
  for (const [path, status] of Object.entries(served)) assert.equal(status, 200, path);

  const cli = await run(process.execPath, ['node_modules/personavlm/bin/personavlm.js', '--version'], { cwd: app });
  assert.equal(cli.stdout.trim(), (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  const users = await run(process.execPath, ['node_modules/personavlm/bin/personavlm.js', 'users', 'list', '--data-dir', 'memory', '--json'], { cwd: app });
  assert.deepEqual((JSON.parse(users.stdout) as { id: string }[]).map((user) => user.id), ['ana']);
});
