import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../config/index.ts';
import { createPersona, type Persona } from '../../persona.ts';
import type { CliIo } from '../io.ts';
import { main } from '../main.ts';
import { hostCommands } from './host-commands.ts';
import { lineReader } from './protocol.ts';
import { hostSocketPath, socketDir } from './socket-path.ts';

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text), isTty: false, env: {}, cwd: process.cwd() };
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const captured = io();
  const code = await main(argv, captured);
  return { code, out: captured.out.join(''), err: captured.err.join('') };
}

async function dataDirWithHistory(t: TestContext): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'personavlm-host-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const dataDir = join(root, 'data');
  const config = await loadConfig({ flags: { 'data-dir': dataDir }, env: {}, cwd: root });
  const persona = createPersona({ config, model: null, vision: false, embedder: null });
  await persona.open();
  await persona.ingest('ann', {
    source: 'test:host',
    sessions: [{ key: 's1', turns: [
      { role: 'user', speaker: 'Ann', text: 'I moved here from Sweden four years ago.', at: new Date('2023-05-08T13:56:00Z') },
      { role: 'assistant', speaker: 'Bob', text: 'Do you miss the snow?', at: new Date('2023-05-08T13:56:10Z') },
      { role: 'user', speaker: 'Ann', text: 'I paint lakes in watercolour on Sundays.', at: new Date('2023-05-08T13:57:00Z') },
    ] }],
  });
  await persona.close();
  return dataDir;
}

/** The database held the way `serve` holds it: open, with its commands hosted. */
async function hold(t: TestContext, dataDir: string): Promise<{ persona: Persona; path: string }> {
  const config = await loadConfig({ flags: { 'data-dir': dataDir }, env: {}, cwd: process.cwd() });
  const persona = createPersona({ config, model: null, vision: false });
  await persona.open();
  const hosted = await hostCommands({ persona, config, holder: 'the test holder' }, () => undefined);
  assert.ok(hosted);
  t.after(async () => {
    await hosted.close();
    await persona.close();
  });
  return { persona, path: hosted.path };
}

test('a command on a database another process holds runs in that process, with the same output as run alone', async (t) => {
  const dataDir = await dataDirWithHistory(t);
  const recall = ['recall', 'What does Ann paint?', '--user', 'ann', '--data-dir', dataDir, '--at', '2023-06-01'];
  const alone = await run(recall);
  assert.equal(alone.code, 0, alone.err);
  assert.match(alone.out, /watercolour/);
  const users = await run(['users', 'list', '--data-dir', dataDir]);
  const turns = await run(['turns', 'list', '--user', 'ann', '--data-dir', dataDir]);

  const { path } = await hold(t, dataDir);
  // The lock is held: without the host, the command would be refused the database ("in use by process …").
  const hosted = await run(recall);
  assert.equal(hosted.code, 0, hosted.err);
  assert.equal(hosted.out, alone.out);
  assert.equal(hosted.err, '');
  assert.deepEqual(await run(['users', 'list', '--data-dir', dataDir]), users);
  assert.deepEqual(await run(['turns', 'list', '--user', 'ann', '--data-dir', dataDir]), turns);

  // An edit runs on the holder's persona: what the next hosted read shows.
  const listed = JSON.parse((await run(['memory', 'list', '--user', 'ann', '--data-dir', dataDir])).out) as unknown[];
  assert.deepEqual(listed, []);
  // Errors come back as the command reports them, with its exit status.
  const bad = await run(['recall', 'x', '--user', 'ann', '--data-dir', dataDir, '--budget', 'lots']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--budget takes a positive integer/);
  const missing = await run(['turns', 'list', '--user', 'nobody', '--data-dir', dataDir]);
  assert.equal(missing.code, 3);

  // Only this user can reach the socket.
  if (process.platform !== 'win32') {
    assert.equal((await stat(socketDir())).mode & 0o777, 0o700);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
  }
});

test('a holder configured otherwise than the command is refused by name, for the settings the command uses', async (t) => {
  const dataDir = await dataDirWithHistory(t);
  await hold(t, dataDir);
  const embedder = ['--embedder', 'openai-compatible', '--embedder-base-url', 'http://127.0.0.1:9/v1', '--embedder-model', 'm'];
  const recall = await run(['recall', 'snow', '--user', 'ann', '--data-dir', dataDir, ...embedder]);
  assert.equal(recall.code, 2);
  assert.match(recall.err, /held by the test holder, which runs with other embedder settings/);
  // `users list` uses no embedder: the same flags do not matter to it.
  assert.equal((await run(['users', 'list', '--data-dir', dataDir, ...embedder])).code, 0);
  const zone = await run(['turns', 'list', '--user', 'ann', '--data-dir', dataDir, '--time-zone', 'Europe/Lisbon']);
  assert.equal(zone.code, 2);
  assert.match(zone.err, /other memory settings/);
});

test('a socket nobody listens on (its holder died) is passed over: the command opens the database itself', async (t) => {
  const dataDir = await dataDirWithHistory(t);
  const path = hostSocketPath(dataDir);
  if (process.platform === 'win32') return;
  const { ensureSocketDir } = await import('./socket-path.ts');
  await ensureSocketDir();
  await writeFile(path, ''); // connecting to it is refused, as to a dead process's socket
  t.after(() => rm(path, { force: true }));
  const result = await run(['users', 'list', '--data-dir', dataDir]);
  assert.equal(result.code, 0, result.err);
  assert.equal((JSON.parse(result.out) as { id: string }[])[0]!.id, 'ann');
});

test('the host runs only the hostable commands, and answers a malformed request with an error', async (t) => {
  const dataDir = await dataDirWithHistory(t);
  const { path } = await hold(t, dataDir);
  const ask = (line: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(path);
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
      socket.write(`${line}\n`);
    });
  const messages = async (line: string) => (await ask(line)).trim().split('\n').map((text) => JSON.parse(text) as Record<string, unknown>);
  const serve = await messages(JSON.stringify({ argv: ['serve', '--no-auth'], cwd: '/', env: {}, isTty: false }));
  assert.match(String(serve[0]!.err), /"serve" is not a command the process holding the database runs/);
  assert.deepEqual(serve[1], { exit: 2 });
  const malformed = await messages('not json');
  assert.match(String(malformed[0]!.err), /one JSON request line/);
  assert.deepEqual(malformed[1], { exit: 2 });
});

test('`personavlm serve` hosts the commands: `users list` beside a running server answers instead of being refused', async (t) => {
  const dataDir = await dataDirWithHistory(t);
  const bin = join(dirname(fileURLToPath(import.meta.url)), '../../../bin/personavlm.js');
  const env = { ...process.env, PERSONAVLM_FROM_SOURCE: '1', PERSONAVLM_DATA_DIR: dataDir, PERSONAVLM_VISION_ANALYZERS: 'colors' };
  const server = spawn(process.execPath, [bin, 'serve', '--no-auth', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => server.kill('SIGKILL'));
  let log = '';
  server.stderr.on('data', (chunk) => (log += chunk));
  await new Promise<void>((resolve, reject) => {
    server.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('serving on')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`serve exited ${String(code)}: ${log}`)));
  });
  const cli = spawn(process.execPath, [bin, 'users', 'list', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  cli.stdout.on('data', (chunk) => (out += chunk));
  cli.stderr.on('data', (chunk) => (err += chunk));
  const code = await new Promise<number | null>((resolve) => cli.once('exit', resolve));
  assert.equal(code, 0, err);
  assert.equal((JSON.parse(out) as { id: string; turns: number }[])[0]!.turns, 3);
  server.kill('SIGTERM');
  assert.equal(await new Promise((resolve) => server.once('exit', resolve)), 0, log);
  await assert.rejects(stat(hostSocketPath(dataDir)), /ENOENT/); // gone with its holder
});

test('the socket protocol cuts lines on bytes: a character split between chunks, several lines in one, a limit in bytes', () => {
  const lines: string[] = [];
  let tooLong = 0;
  const feed = lineReader((line) => lines.push(line), 1000, () => (tooLong += 1));
  const euro = Buffer.from('€', 'utf8'); // 3 bytes
  feed(Buffer.concat([Buffer.from('a'), euro.subarray(0, 1)]));
  feed(Buffer.concat([euro.subarray(1), Buffer.from('b\nsecond\nthi')]));
  feed(Buffer.from('rd\n'));
  assert.deepEqual(lines, ['a€b', 'second', 'third']);
  // 400 characters but 1,200 bytes: past a 1,000-byte limit, dropped, and the next line is read whole.
  feed(Buffer.from('€'.repeat(400), 'utf8'));
  assert.equal(tooLong, 1);
  feed(Buffer.from('next\n'));
  assert.deepEqual(lines.slice(3), ['next']);
});

test('ingest beside a holder imports through it, stops when its CLI goes away, resumes after, and is refused when the model settings differ', async (t) => {
  const dataDir = await dataDirWithHistory(t);
  const config = await loadConfig({ flags: { 'data-dir': dataDir }, env: {}, cwd: process.cwd() });
  const persona = createPersona({ config, model: null, vision: false });
  await persona.open();
  let hosted = await hostCommands({ persona, config, holder: 'the test holder' }, () => undefined);
  t.after(async () => {
    await hosted?.close();
    await persona.close();
  });
  const file = join(dirname(dataDir), 'history.jsonl');
  const start = Date.UTC(2024, 0, 1);
  await writeFile(file, Array.from({ length: 3000 }, (_, n) => JSON.stringify({ role: n % 2 ? 'assistant' : 'user', text: `turn number ${n} about the lake`, at: new Date(start + n * 1000).toISOString() })).join('\n'));
  const ingest = ['ingest', file, '--format', 'jsonl', '--user', 'cy', '--data-dir', dataDir];
  const turnsOf = async (user: string) => ((JSON.parse((await run(['users', 'list', '--json', '--data-dir', dataDir])).out) as { id: string; turns: number }[]).find((entry) => entry.id === user)?.turns ?? 0);

  // The CLI sends the command and goes away at once: the holder stops the import, keeping what it stored.
  await new Promise<void>((resolve, reject) => {
    const socket = connect(hosted!.path);
    socket.on('error', reject);
    socket.on('close', () => resolve());
    socket.write(`${JSON.stringify({ argv: ingest, cwd: process.cwd(), env: {}, isTty: false })}\n`);
    socket.end();
  });
  await hosted!.close(); // waits for the hosted commands still running
  hosted = await hostCommands({ persona, config, holder: 'the test holder' }, () => undefined);
  const before = await turnsOf('cy');
  assert.ok(before < 3000, `the import went on after its CLI left (${before} turns stored)`);

  const result = await run(ingest);
  assert.equal(result.code, 0, result.err);
  const summary = JSON.parse(result.out) as { turns: { total: number; stored: number; skipped: number }; warnings: Record<string, number> };
  assert.deepEqual(summary.turns, { total: 3000, stored: 3000 - before, skipped: before });
  assert.equal(await turnsOf('cy'), 3000);
  assert.equal(summary.warnings.memory_model_missing, 1, 'the holder\'s warnings about this import are shown');

  const withModel = await run([...ingest, '--model-base-url', 'http://127.0.0.1:9/v1', '--model', 'm']);
  assert.equal(withModel.code, 2);
  assert.match(withModel.err, /held by the test holder, which runs with other model settings/);
});
