// `personavlm mcp` as a client starts it: the SDK's stdio client spawns the CLI. Every tool over stdio (with an
// image read by path, which only the local server does), then a second user on the same database who sees none
// of it; and the usage error without --user.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { assertSeesNothingOf, exerciseBadArguments, exerciseEveryTool } from '../../mcp/test-support/tool-cases.ts';
import { tinyPng } from '../../server/test-support.ts';
import { PassThrough, Readable } from 'node:stream';
import { createPersona } from '../../persona.ts';
import { main } from '../main.ts';
import { createMcpCommand } from './mcp.ts';

const BIN = fileURLToPath(new URL('../../../bin/personavlm.js', import.meta.url));

async function spawnMcp(user: string, dataDir: string, stderr: string[]): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', '--user', user],
    // A clean environment: only this database, no model, the fast offline image analyzer.
    env: { ...getDefaultEnvironment(), PERSONAVLM_FROM_SOURCE: '1', PERSONAVLM_DATA_DIR: dataDir, PERSONAVLM_VISION_ANALYZERS: 'colors' },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const client = new Client({ name: 'personavlm-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

test('over stdio: every tool with an image file, then another --user on the same database sees nothing of it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'personavlm-mcp-'));
  const stderr: string[] = [];
  try {
    const image = join(dir, 'miso.png');
    await writeFile(image, await tinyPng('#777777'));
    const ana = await spawnMcp('ana', join(dir, 'data'), stderr);
    let exercised;
    try {
      assert.equal(ana.getServerVersion()?.name, 'personavlm');
      exercised = await exerciseEveryTool(ana, { path: image });
      await exerciseBadArguments(ana);
    } finally {
      await ana.close();
    }
    const bob = await spawnMcp('bob', join(dir, 'data'), stderr);
    try {
      await assertSeesNothingOf(bob, exercised);
    } finally {
      await bob.close();
    }
    assert.match(stderr.join(''), /MCP server for user "ana" on stdio/, 'diagnostics go to stderr, never into the protocol');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('personavlm mcp without --user is a usage error that says what to pass', async () => {
  const err: string[] = [];
  const code = await main(['mcp'], { stdout: () => assert.fail('nothing goes to stdout'), stderr: (text) => err.push(text), isTty: false, env: {}, cwd: tmpdir() });
  assert.equal(code, 2);
  assert.match(err.join(''), /--user <id> is required/);
});

test('a client that writes its requests and closes stdin at once gets every answer before the server closes', async () => {
  const lines = [
    { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'pipe', version: '0' } } },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'remember', arguments: { kind: 'fact', text: 'Ana likes jazz.' } } },
    { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'remember', arguments: { text: 'I saw a jazz concert.', at: '2026-03-01T20:00:00Z' } } },
    { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'memories_list', arguments: {} } },
  ].map((message) => Buffer.from(`${JSON.stringify(message)}\n`));
  const stdout = new PassThrough();
  const written: string[] = [];
  stdout.on('data', (chunk: Buffer) => written.push(chunk.toString()));
  const err: string[] = [];
  const command = createMcpCommand({
    createPersona: (config) => createPersona({ config: { ...config, store: { ...config.store, dataDir: ':memory:' } }, model: null, embedder: null, vision: false }),
    stdin: Readable.from(lines),
    stdout,
  });
  const code = await command(['--user', 'ana'], { stdout: () => assert.fail('the protocol owns stdout'), stderr: (text) => err.push(text), isTty: false, env: {}, cwd: tmpdir() });
  assert.equal(code, 0, err.join(''));
  const answers = written.join('').trim().split('\n').map((line) => JSON.parse(line) as { id: number; result: { isError?: boolean } });
  assert.deepEqual(answers.map((answer) => answer.id).sort(), [1, 2, 3, 4]);
  assert.ok(answers.every((answer) => !answer.result.isError), JSON.stringify(answers));
});

test('pipelined requests run in the order they came: a recall written right after a remember finds it', async () => {
  const lines = [
    { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'pipe', version: '0' } } },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'remember', arguments: { text: 'I adopted a grey cat called Miso last Sunday.', at: '2026-03-03T18:00:00Z' } } },
    { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'remember', arguments: { kind: 'fact', memoryType: 'core', key: 'name', text: 'Name: Ana' } } },
    { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'recall', arguments: { query: 'What is my cat called?', at: '2026-03-04T09:00:00Z' } } },
  ].map((message) => Buffer.from(`${JSON.stringify(message)}\n`));
  const stdout = new PassThrough();
  const written: string[] = [];
  stdout.on('data', (chunk: Buffer) => written.push(chunk.toString()));
  const command = createMcpCommand({
    createPersona: (config) => createPersona({ config: { ...config, store: { ...config.store, dataDir: ':memory:' } }, model: null, embedder: null, vision: false }),
    stdin: Readable.from(lines),
    stdout,
  });
  assert.equal(await command(['--user', 'ana'], { stdout: () => assert.fail('the protocol owns stdout'), stderr: () => undefined, isTty: false, env: {}, cwd: tmpdir() }), 0);
  const answers = written.join('').trim().split('\n').map((line) => JSON.parse(line) as { id: number; result: { content: { text: string }[] } });
  assert.deepEqual(answers.map((answer) => answer.id), [1, 2, 3, 4], 'answered in the order asked');
  assert.match(answers[3]!.result.content[0]!.text, /Miso/);
});
