// The CLI's own surface: version, help with the configuration flags, errors as JSON, hints that name the command
// as it was run, and the one-line refusal on an old Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { formatStamp } from '../memory/stamp.ts';
import { createPersona } from '../persona.ts';
import { createStore } from '../store/index.ts';
import { detectInvocation, renameCommand, type CliIo } from './io.ts';
import { main } from './main.ts';

const run = promisify(execFile);

function capture(dir: string, invokedAs?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTty: false, env: { PERSONAVLM_DATA_DIR: join(dir, 'data') }, cwd: dir, ...(invokedAs ? { invokedAs } : {}) };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

test('--version prints the package version', async () => {
  const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  const c = capture(tmpdir());
  assert.equal(await main(['--version'], c.io), 0);
  assert.equal(c.out(), `${version}\n`);
});

test('every command\'s --help ends with the configuration flags and their environment variables', async () => {
  for (const command of ['recall', 'memory', 'turns', 'users', 'serve', 'ingest', 'jobs', 'personality', 'chat', 'demo', 'doctor']) {
    const c = capture(tmpdir());
    assert.equal(await main([command, '--help'], c.io), 0, command);
    assert.match(c.out(), /Configuration \(flags > PERSONAVLM_\* environment/, command);
    assert.match(c.out(), /--max-text-chars <n>\s+PERSONAVLM_MAX_TEXT_CHARS/, command);
    assert.match(c.out(), /\(no flag: secret\)\s+PERSONAVLM_API_KEY /, command);
  }
});

test('with --json an error is one JSON object on stderr, with the exit code of its kind', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pvlm-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const c = capture(dir);
  assert.equal(await main(['memory', 'list', '--user', 'nobody', '--json'], c.io), 3);
  const error = JSON.parse(c.err()) as { error: { code: string; message: string; details: { what: string; id: string } } };
  assert.equal(error.error.code, 'not_found');
  assert.deepEqual(error.error.details, { what: 'user', id: 'nobody' });
  assert.match(error.error.message, /users list/);
  const plain = capture(dir);
  assert.equal(await main(['turns', 'list'], plain.io), 2);
  assert.match(plain.err(), /^error \[invalid_input\]: --user <id> is required/);
});

test('turns list and users list show what is stored, newest turns first', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pvlm-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const persona = createPersona({ config: { store: { dataDir: join(dir, 'data') } }, model: null, embedder: null, vision: false });
  await persona.open();
  for (const [i, text] of ['I moved to Lisbon.', 'I started climbing.', 'I switched to tea.'].entries()) {
    await persona.recordTurn({ userId: 'maya', role: 'user', text, at: new Date(Date.UTC(2026, 8, 1 + i, 9)) });
  }
  await persona.close();
  const users = capture(dir);
  assert.equal(await main(['users', 'list'], users.io), 0);
  assert.deepEqual((JSON.parse(users.out()) as { id: string; turns: number }[]).map(({ id, turns }) => ({ id, turns })), [{ id: 'maya', turns: 3 }]);
  const turns = capture(dir);
  assert.equal(await main(['turns', 'list', '--user', 'maya', '--limit', '2'], turns.io), 0);
  assert.deepEqual((JSON.parse(turns.out()) as { text: string }[]).map((turn) => turn.text), ['I switched to tea.', 'I started climbing.']);
  const older = capture(dir);
  assert.equal(await main(['turns', 'list', '--user', 'maya', '--before-seq', '2'], older.io), 0);
  assert.deepEqual((JSON.parse(older.out()) as { text: string }[]).map((turn) => turn.text), ['I moved to Lisbon.']);
  const unknown = capture(dir);
  assert.equal(await main(['turns', 'list', '--user', 'nobody'], unknown.io), 3);
  assert.match(unknown.err(), /user "nobody": No user with this id is stored here\. `personavlm users list` shows who is stored\./);
});

test('jobs list on a terminal shows when each job was queued on the configured clock', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pvlm-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const store = createStore({ engine: 'pglite', dataDir: join(dir, 'data') });
  await store.open();
  await store.users.ensure('maya');
  const job = await store.jobs.enqueue('maya', { kind: 'turn', payload: { turnId: 't1' }, dedupeKey: 'turn:t1' });
  await store.close();
  const out: string[] = [];
  const env = { PERSONAVLM_DATA_DIR: join(dir, 'data'), PERSONAVLM_TIME_ZONE: 'Asia/Tokyo' };
  assert.equal(await main(['jobs', 'list', '--user', 'maya'], { stdout: (text) => out.push(text), stderr: () => {}, isTty: true, env, cwd: dir }), 0);
  assert.match(out.join(''), new RegExp(`^${job.id} {2}turn +pending +0/3 {2}${formatStamp(job.createdAt, 'Asia/Tokyo').replace(/[()]/g, '\\$&')}\n$`));
  assert.doesNotMatch(out.join(''), /\d{4}-\d\d-\d\dT/, 'no UTC ISO stamp for a person to convert');
});

test('hints name the command as the user ran it', () => {
  assert.equal(detectInvocation(['node', '/usr/lib/node_modules/.bin/personavlm'], {}, '/home/me'), 'personavlm');
  assert.equal(detectInvocation(['node', '/repo/bin/personavlm.js'], {}, '/repo'), 'node bin/personavlm.js');
  assert.equal(detectInvocation(['node', '/repo/bin/personavlm.js'], { npm_lifecycle_event: 'personavlm', npm_package_name: 'personavlm' }, '/repo'), 'npm run personavlm --');
  const message = 'List what exists with `personavlm memory list --user <id>`.\nUsage: personavlm turns list';
  assert.equal(renameCommand(message, 'npm run personavlm --'), 'List what exists with `npm run personavlm -- memory list --user <id>`.\nUsage: npm run personavlm -- turns list');
  assert.equal(renameCommand(message, 'personavlm'), message);
  assert.equal(renameCommand('the personavlm package', 'node bin/personavlm.js'), 'the personavlm package', 'prose is left alone');
});

test('on a Node older than 22.18, bin/personavlm.js prints one line saying what to do', { skip: !process.env.PERSONAVLM_OLD_NODE && !(await oldNode()) && 'no Node older than 22.18 on this machine (set PERSONAVLM_OLD_NODE to one)' }, async () => {
  const old = process.env.PERSONAVLM_OLD_NODE ?? (await oldNode())!;
  const bin = new URL('../../bin/personavlm.js', import.meta.url).pathname;
  const result = await run(old, [bin, 'demo']).then(
    () => assert.fail('an old Node must not run the CLI'),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  assert.equal(result.code, 1);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /personavlm needs Node >= 22\.18 \(this is v\d+\.\d+\.\d+\)\. In this checkout, `npm ci` installs one: run `npm run personavlm -- <command>`/);
});

/** The system's Node when it is older than 22.18 (Debian 12 ships 18; this machine 20), else null. */
async function oldNode(): Promise<string | null> {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) {
    try {
      const { stdout } = await run(candidate, ['--version']);
      const [major, minor] = stdout.trim().slice(1).split('.').map(Number);
      if (major! < 22 || (major === 22 && minor! < 18)) return candidate;
    } catch {
      // not there
    }
  }
  return null;
}

test('a reader that closes the pipe early (`… | head`) ends the command quietly, not with an EPIPE stack', async () => {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'personavlm.js'), 'ingest', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, stderr);
  assert.doesNotMatch(stderr, /EPIPE/);
});
