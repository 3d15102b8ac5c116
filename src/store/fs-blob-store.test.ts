import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsBlobStore, userFolderName } from './fs-blob-store.ts';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

test('user folders stay apart on case-insensitive file systems: names of distinct ids differ even ignoring case', () => {
  const ids = ['alice', 'Alice', 'ALICE', 'a.b', 'a:b', 'a@b', 'a-b', 'a_b', 'A-B', 'x2E', 'tenant:Bob', 'tenant:bob'];
  const folded = ids.map((id) => userFolderName(id).toLowerCase());
  assert.equal(new Set(folded).size, ids.length, `collisions in ${JSON.stringify(folded)}`);
  for (const id of ids) assert.match(userFolderName(id), /^[a-z0-9_%A-F-]+$/, 'no character Windows or macOS treats specially');
  assert.equal(userFolderName('alice'), 'alice', 'plain lowercase ids keep readable folder names');
});

test('blobs of "Alice" and "alice" are separate users: deleting one keeps the other', async () => {
  const root = await mkdtemp(join(tmpdir(), 'personavlm-blobs-'));
  try {
    const store = new FsBlobStore(root);
    await store.put('Alice', A, new Uint8Array([1]));
    await store.put('alice', B, new Uint8Array([2]));
    assert.deepEqual(await store.list('Alice'), [A]);
    assert.deepEqual(await store.list('alice'), [B]);
    assert.equal(await store.deleteUser('Alice'), 1);
    assert.deepEqual(await store.get('alice', B), new Uint8Array([2]));
    assert.equal(await store.get('Alice', A), null);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('folders an earlier version wrote under the raw id are renamed once and their blobs still found', async () => {
  const root = await mkdtemp(join(tmpdir(), 'personavlm-blobs-'));
  try {
    await mkdir(join(root, 'Tenant:Bob', 'aa'), { recursive: true });
    await writeFile(join(root, 'Tenant:Bob', 'aa', A), new Uint8Array([7]));
    await mkdir(join(root, 'carol', 'bb'), { recursive: true });
    await writeFile(join(root, 'carol', 'bb', B), new Uint8Array([8]));
    const store = new FsBlobStore(root);
    assert.deepEqual(await store.get('Tenant:Bob', A), new Uint8Array([7]));
    assert.deepEqual(await store.list('carol'), [B]);
    assert.deepEqual((await readdir(root)).sort(), ['%54enant%3A%42ob', 'carol'].sort());
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
