import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PgliteStore } from './pglite-store.ts';
import { walPlan, walSegmentBytes, walSettings } from './pglite-wal.ts';

const root = mkdtempSync(join(tmpdir(), 'personavlm-wal-'));
after(() => rmSync(root, { recursive: true, force: true }));

const MIB = 1024 * 1024;

function walBytes(dataDir: string): number {
  const dir = join(dataDir, 'pg_wal');
  return readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile()).reduce((sum, entry) => sum + statSync(join(dir, entry.name)).size, 0);
}

async function settings(store: PgliteStore): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of ['wal_segment_size', 'max_wal_size', 'min_wal_size']) {
    const [row] = await store.executor().query<Record<string, string>>(`show ${name}`);
    out[name] = row![name]!;
  }
  return out;
}

test('the settings follow the segment size: checkpoints every max(8 MB, 4 segments), 2 segments kept', () => {
  assert.deepEqual(walSettings(1), ['-c', 'max_wal_size=8MB', '-c', 'min_wal_size=2MB']);
  assert.deepEqual(walSettings(16), ['-c', 'max_wal_size=64MB', '-c', 'min_wal_size=32MB']);
  assert.equal(walSegmentBytes(join(root, 'nothing-here')), null);
  assert.deepEqual(walPlan(join(root, 'nothing-here'), false).start, walSettings(1));
  assert.deepEqual(walPlan(undefined, true).start, walSettings(16));
  assert.deepEqual(walPlan(undefined, false).initdb, ['--wal-segsize=1']);
});

test('a new database has 1 MB segments, and its WAL on disk stays small after writing far more than that', async () => {
  const dataDir = join(root, 'new');
  const store = new PgliteStore({ dataDir });
  await store.open();
  try {
    assert.deepEqual(await settings(store), { wal_segment_size: '1MB', max_wal_size: '8MB', min_wal_size: '2MB' });
    // ~40 MB of WAL (rows of 1,000 characters), in a table of the test's own beside the store's.
    await store.executor().query('create table wal_probe (n int, text text)');
    for (let round = 0; round < 4; round += 1) {
      await store.executor().query(`insert into wal_probe select n, repeat(md5(n::text), 31) from generate_series(${round * 10_000 + 1}, ${(round + 1) * 10_000}) as n`);
    }
    const [row] = await store.executor().query<{ count: unknown }>('select count(*) as count from wal_probe');
    assert.equal(Number(row!.count), 40_000);
  } finally {
    await store.close();
  }
  assert.equal(walSegmentBytes(dataDir), 1 * MIB);
  const wal = walBytes(dataDir);
  assert.ok(wal <= 12 * MIB, `pg_wal holds ${(wal / MIB).toFixed(1)} MB after ~40 MB of WAL; expected ≤ 12`);
  // Reopened, the data is there and the settings are read from the directory.
  const again = new PgliteStore({ dataDir });
  await again.open();
  try {
    assert.equal((await settings(again)).max_wal_size, '8MB');
    const [row] = await again.executor().query<{ count: unknown }>('select count(*) as count from wal_probe');
    assert.equal(Number(row!.count), 40_000);
  } finally {
    await again.close();
  }
});

test('a database made with 16 MB segments (before this setting) opens with the bound it allows', async () => {
  const dataDir = join(root, 'older');
  // initdb's defaults, as every database made before this version has them.
  const older = await PGlite.create({ dataDir });
  await older.query('create table kept (n int)');
  await older.query('insert into kept values (7)');
  await older.close();
  assert.equal(walSegmentBytes(dataDir), 16 * MIB);
  const store = new PgliteStore({ dataDir });
  await store.open();
  try {
    assert.deepEqual(await settings(store), { wal_segment_size: '16MB', max_wal_size: '64MB', min_wal_size: '32MB' });
    const [row] = await store.executor().query<{ n: number }>('select n from kept');
    assert.equal(row!.n, 7);
  } finally {
    await store.close();
  }
});
