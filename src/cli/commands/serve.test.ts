// `personavlm serve` on a real port: it listens, answers with auth, runs the worker, and stops cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPersona, type Persona, internalsOf } from '../../persona.ts';
import { createStore } from '../../store/index.ts';
import { ScriptedChatModel } from '../../test/scripted-chat-model.ts';
import type { CliIo } from '../io.ts';
import { createServeCommand } from './serve.ts';

function testIo(env: Record<string, string>): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTty: false, env, cwd: join(tmpdir(), 'personavlm-serve-test-no-config') };
}

const turnJob = JSON.stringify({
  personality: { openness: 3, conscientiousness: 3, extraversion: 4, agreeableness: 3, neuroticism: 3 },
  memories: [{ reason: 'A lasting fact.', decision: 'store', category: 'fact', key: 'greeting', content: 'User greeted from the network.', keywords: ['network'] }],
});

test('serve listens with tenant keys and runs the update worker, then shuts down on a signal and closes the store', async () => {
  let persona: Persona | undefined;
  let stop!: (signal: string) => void;
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  const command = createServeCommand({
    createPersona: (config) => (persona = createPersona({ config, store: createStore({ engine: 'pglite' }), model: new ScriptedChatModel([turnJob]), vision: false, embedder: null })),
    stopSignal: () => stopped,
  });
  const io = testIo({ PERSONAVLM_API_KEYS: 'serve-test-key=acme', PERSONAVLM_PORT: '0' });
  const exit = command([], io);
  let line: string | undefined;
  for (let waited = 0; !line && waited < 60_000; waited += 50) {
    line = io.out.find((text) => text.includes('serving on'));
    if (!line) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.ok(line, `no listening line; stderr: ${io.err.join('')}`);
  assert.match(line, /tenants: acme/);
  assert.doesNotMatch(io.out.join('') + io.err.join(''), /serve-test-key/, 'keys are never printed');
  const base = /http:\/\/[^\s]+:\d+/.exec(line)![0];

  assert.equal((await fetch(`${base}/healthz`)).status, 200);
  assert.equal((await fetch(`${base}/v1/users/ana/turns`)).status, 401);
  const posted = await fetch(`${base}/v1/users/ana/turns`, {
    method: 'POST',
    headers: { authorization: 'Bearer serve-test-key', 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'Hello from the network.' }),
  });
  assert.equal(posted.status, 201);
  assert.equal((await internalsOf(persona!).store.turns.list('acme:ana'))[0]?.text, 'Hello from the network.');
  // Nobody drains: the worker serve started runs the turn's update job.
  let memories: unknown[] = [];
  for (let waited = 0; memories.length === 0 && waited < 30_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    memories = await internalsOf(persona!).store.memories.list('acme:ana');
  }
  assert.equal(memories.length, 1, 'the update worker wrote the memory');

  stop('SIGTERM');
  assert.equal(await exit, 0);
  assert.match(io.err.join(''), /SIGTERM: stopping/);
  await assert.rejects(fetch(`${base}/healthz`), 'the port is closed');
  await assert.rejects(internalsOf(persona!).store.turns.list('acme:ana'), 'the store is closed');
});

test('serve refuses to start without keys, and refuses --no-auth off loopback, before opening anything', async () => {
  const command = createServeCommand({
    createPersona: () => {
      throw new Error('must not be built');
    },
  });
  await assert.rejects(command([], testIo({})), (error: Error & { code?: string }) => error.code === 'config_invalid' && /PERSONAVLM_API_KEYS/.test(error.message));
  await assert.rejects(command(['--no-auth', '--host', '0.0.0.0'], testIo({})), /--no-auth is refused on host 0\.0\.0\.0/);
});
