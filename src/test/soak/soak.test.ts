// The soak test of issue 17: writers are killed with SIGKILL at random points while they record turns and run the
// update phase, and every acknowledged turn and every memory update must be found exactly once afterwards.
// Bounded (a few dozen turns per writer, a deadline per part) and loopback only: the model is model-double.ts.
//  - PGlite: three library processes share one data directory (the directory lock lets one in at a time).
//  - PostgreSQL: two `personavlm serve` processes on one database, clients retrying on any live server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createPersona, internalsOf } from '../../persona.ts';
import { PostgresStore } from '../../store/postgres-store.ts';
import { checkSoak } from './check.ts';
import { startSoakModel } from './model-double.ts';

const WRITER = fileURLToPath(new URL('./library-writer.ts', import.meta.url));
const CLI = fileURLToPath(new URL('../../../bin/personavlm.js', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (low: number, high: number) => low + Math.random() * (high - low);

function lines(child: ChildProcess, onLine: (line: string) => void): void {
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
      onLine(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
    }
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

test('PGlite: three library processes on one directory, SIGKILLed at random, keep every acknowledged turn and apply every update once', { timeout: 300_000 }, async () => {
  const model = await startSoakModel();
  const root = await mkdtemp(join(tmpdir(), 'personavlm-soak-'));
  const dataDir = join(root, 'db');
  // Two writers share user "ana" (disjoint markers), one writes "ben": per-user order must hold across processes.
  const plan = [
    { name: 'w0', user: 'ana', markers: Array.from({ length: 12 }, (_, i) => `soak-ana-${2 * i}`) },
    { name: 'w1', user: 'ana', markers: Array.from({ length: 12 }, (_, i) => `soak-ana-${2 * i + 1}`) },
    { name: 'w2', user: 'ben', markers: Array.from({ length: 12 }, (_, i) => `soak-ben-${i}`) },
  ];
  const TURNS = 36;
  const MAX_KILLS = 8;
  /** Writers holding the directory now (between "opened" and their next batch's close). */
  const holding = new Set<string>();
  const acked = new Set<string>();
  const running = new Map<string, ChildProcess>();
  const finished = new Set<string>();
  const failures: string[] = [];
  let kills = 0;
  const deadline = Date.now() + 240_000;
  const launch = (writer: (typeof plan)[number]) => {
    const remaining = writer.markers.filter((marker) => !acked.has(marker));
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', WRITER, dataDir, model.baseUrl, writer.user, ...remaining], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    lines(child, (line) => {
      if (line.startsWith('ack ')) acked.add(line.slice(4));
      if (line === 'opened') holding.add(writer.name);
      if (line === 'finished') finished.add(writer.name);
    });
    running.set(writer.name, child);
    child.once('exit', (code, signal) => {
      running.delete(writer.name);
      holding.delete(writer.name);
      if (finished.has(writer.name)) return;
      if (signal !== 'SIGKILL') failures.push(`${writer.name} exited ${code ?? signal}: ${stderr.slice(-800)}`);
      else if (Date.now() < deadline) launch(writer);
    });
  };
  try {
    for (const writer of plan) launch(writer);
    // Kills land inside the write phase: a random moment after a writer got the directory (mid-append, mid-job,
    // mid-close), then a pause so the others make progress.
    while (finished.size < plan.length && failures.length === 0 && Date.now() < deadline) {
      await sleep(50);
      const [name] = [...holding];
      if (!name || kills >= MAX_KILLS) continue;
      await sleep(between(0, 1200));
      const victim = running.get(name);
      if (!victim || finished.has(name)) continue;
      victim.kill('SIGKILL');
      kills += 1;
      await exited(victim);
      await sleep(between(500, 2500));
    }
    while (running.size > 0 && Date.now() < deadline) await sleep(50);
    assert.deepEqual(failures, []);
    assert.equal(finished.size, plan.length, `writers finished before the deadline (${acked.size} turns acknowledged, ${kills} kills)`);
    assert.ok(kills >= 3, `the soak killed writers (${kills})`);

    // A last process takes the directory over (leases of the killed writers are theirs no more) and finishes the
    // queue; then every acknowledged turn and every update is counted.
    const persona = createPersona({ config: { store: { engine: 'pglite', dataDir }, model: { baseUrl: model.baseUrl, modelId: 'soak', maxRetries: 0 } }, vision: false, embedder: null });
    await persona.open();
    try {
      await persona.drain();
      const expected = new Map([['ana', [...plan[0]!.markers, ...plan[1]!.markers]], ['ben', plan[2]!.markers]]);
      const findings = await checkSoak(internalsOf(persona).store, expected);
      assert.deepEqual(findings.problems, []);
      assert.equal(acked.size, TURNS);
      assert.deepEqual([findings.turns, findings.memories, findings.personalityPoints], [TURNS, TURNS, TURNS]);
      assert.deepEqual(model.unexpected, []);
      console.log(`soak pglite: ${kills} kills, ${TURNS} turns, ${[...model.answered.values()].reduce((a, b) => a + b, 0)} model calls for ${TURNS} updates`);
    } finally {
      await persona.close();
    }
  } finally {
    for (const child of running.values()) child.kill('SIGKILL');
    await Promise.all([...running.values()].map(exited));
    await model.close();
    await rm(root, { recursive: true, force: true });
  }
});

const POSTGRES_URL = process.env.PERSONAVLM_TEST_POSTGRES_URL;

test('PostgreSQL: two servers on one database, SIGKILLed at random under retrying clients, keep every acknowledged turn and apply every update once', {
  timeout: 300_000,
  skip: POSTGRES_URL ? false : 'PERSONAVLM_TEST_POSTGRES_URL is not set (bash .ci/run starts PostgreSQL and sets it)',
}, async () => {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  const database = `soak_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin.query(`create database ${database}`);
  const url = new URL(POSTGRES_URL!);
  url.pathname = `/${database}`;
  const model = await startSoakModel();
  const blobs = await mkdtemp(join(tmpdir(), 'personavlm-soak-blobs-'));
  const servers: Array<{ child: ChildProcess; base: string | null }> = [];
  const failures: string[] = [];
  let stopping = false;
  let kills = 0;
  const start = (slot: number) => {
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', CLI, 'serve', '--no-auth', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PERSONAVLM_DATABASE_URL: url.toString(), PERSONAVLM_DATA_DIR: '', PERSONAVLM_BLOB_DIR: blobs, PERSONAVLM_MODEL: 'soak', PERSONAVLM_MODEL_BASE_URL: model.baseUrl, PERSONAVLM_MODEL_MAX_RETRIES: '0', PERSONAVLM_EMBEDDER: 'none', PERSONAVLM_API_KEYS: '' },
    });
    const server = { child, base: null as string | null };
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    lines(child, (line) => {
      const match = /serving on (http:\/\/\S+) /.exec(line);
      if (match) server.base = match[1]!;
    });
    child.once('exit', (code, signal) => {
      server.base = null;
      if (signal !== 'SIGKILL' && !stopping) failures.push(`server ${slot} exited ${code ?? signal}: ${stderr.slice(-800)}`);
    });
    servers[slot] = server;
  };
  const users = ['pa', 'pb', 'pc'];
  const expected = new Map(users.map((user) => [user, Array.from({ length: 40 }, (_, i) => `soak-${user}-${i}`)]));
  const live = () => servers.filter((server) => server.base !== null).map((server) => server.base!);
  const deadline = Date.now() + 200_000;
  const send = async (user: string, marker: string, n: number): Promise<void> => {
    // A client that does what real clients do: on a reset connection or a 5xx it retries, on any server, with the same id.
    for (;;) {
      if (Date.now() > deadline || failures.length > 0) throw new Error(`turn ${marker} not acknowledged before the deadline: ${failures.join('; ')}`);
      const bases = live();
      const base = bases[Math.floor(Math.random() * bases.length)];
      if (!base) {
        await sleep(50);
        continue;
      }
      try {
        const response = await fetch(`${base}/v1/users/${user}/turns`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id: marker, text: `Note ${marker}: remember this one.`, at: new Date(Date.UTC(2026, 0, 5, 9, 0, n)).toISOString() }),
          signal: AbortSignal.timeout(20_000),
        });
        await response.text();
        if (response.status === 201) return;
        if (response.status < 500) throw new Error(`turn ${marker} refused: ${response.status}`);
      } catch (error) {
        if (/refused:/.test(String(error))) throw error;
      }
      await sleep(30);
    }
  };
  try {
    start(0);
    start(1);
    const clients = Promise.all([...expected].map(async ([user, markers]) => {
      for (const [n, marker] of markers.entries()) await send(user, marker, n);
    }));
    let clientsDone = false;
    void clients.finally(() => (clientsDone = true));
    // Kills while clients write and, after them, while the servers still run update jobs: four to six in all, each
    // once both servers have served a little, so the run is bounded however slow the machine is.
    let bothLiveSince = 0;
    while ((!clientsDone || kills < 4) && kills < 6 && failures.length === 0 && Date.now() < deadline) {
      await sleep(between(100, 400));
      if (live().length < 2) {
        bothLiveSince = 0;
        continue;
      }
      bothLiveSince ||= Date.now();
      if (Date.now() - bothLiveSince < 800) continue;
      const slot = Math.floor(Math.random() * 2);
      servers[slot]!.child.kill('SIGKILL');
      kills += 1;
      await exited(servers[slot]!.child);
      start(slot);
      bothLiveSince = 0;
    }
    await clients;
    assert.deepEqual(failures, []);
    assert.ok(kills >= 3, `the soak killed servers (${kills})`);
    // The servers finish the queue between them; leases of killed ones are recovered at once (same host).
    const drained = Date.now() + 90_000;
    for (;;) {
      while (live().length < 2 && failures.length === 0 && Date.now() < drained) await sleep(50);
      assert.deepEqual(failures, []);
      const open = await Promise.all(users.map(async (user) => {
        const response = await fetch(`${live()[0]}/v1/users/${user}/jobs?status=pending,running,failed`);
        return ((await response.json()) as { jobs: unknown[] }).jobs.length;
      }));
      if (open.every((count) => count === 0) || Date.now() > drained) break;
      await sleep(200);
    }
    const store = new PostgresStore({ url: url.toString() });
    await store.open();
    try {
      const findings = await checkSoak(store, expected);
      assert.deepEqual(findings.problems, []);
      assert.deepEqual([findings.turns, findings.memories, findings.personalityPoints], [120, 120, 120]);
      assert.deepEqual(model.unexpected, []);
      console.log(`soak postgres: ${kills} kills, 120 turns, ${[...model.answered.values()].reduce((a, b) => a + b, 0)} model calls for 120 updates`);
    } finally {
      await store.close();
    }
  } finally {
    stopping = true;
    for (const server of servers) server?.child.kill('SIGTERM');
    await Promise.all(servers.map((server) => exited(server.child)));
    await model.close();
    await rm(blobs, { recursive: true, force: true });
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
});
