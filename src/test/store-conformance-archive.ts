import { createHash } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PersonaError } from '../errors/index.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import { MIGRATIONS } from '../store/migrations/index.ts';
import type { ConformanceContext } from './store-conformance.ts';
import { day, semantic, sessionWithTurns, unitVector } from './store-conformance-fixtures.ts';

/** Every archived row with the user id replaced, keyed by file: two archives of the same data compare equal. */
async function readArchive(directory: string, userId: string): Promise<Record<string, unknown>> {
  const files: Record<string, unknown> = {};
  for (const name of (await readdir(directory)).sort()) {
    if (!name.endsWith('.jsonl')) continue;
    const text = (await readFile(join(directory, name), 'utf8')).split(userId).join('<user>');
    files[name] = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown);
  }
  files.images = (await readdir(join(directory, 'images'))).sort();
  return files;
}

async function fillUser(store: MemoryStore, userId: string): Promise<void> {
  const { session, turns } = await sessionWithTurns(store, userId, ['I adopted a beagle named Rex', 'Lovely!'], day('2024-02-10'));
  const image = await store.images.put(userId, new Uint8Array([137, 80, 78, 71, 9, 9]), { mime: 'image/png', width: 3, height: 2 });
  await store.images.setAnalysis(userId, image.sha256, { ocrText: '', objects: [{ label: 'dog', score: 0.9, box: { x: 0, y: 0, width: 2, height: 2 }, colors: ['brown'] }], faces: [], colors: ['brown'], caption: null, analyzers: { objects: 'ok' } });
  await store.images.setEmbedding(userId, image.sha256, { model: 'clip', vector: [0.1, 0.7, 0.2] });
  const withImage = await store.turns.append(userId, { sessionId: session.id, role: 'user', text: 'here he is', at: day('2024-02-11'), images: [image.sha256], externalId: 'D1:3', metadata: { source: 'test' } });
  await store.turns.setEnrichment(userId, withImage.id, { keywords: ['rex'], lemmas: [], entities: [{ text: 'Rex', type: 'PERSON' }], dates: [], imageText: 'dog' });
  await store.turns.setEmbedding(userId, turns[0]!.id, { model: 'mini', vector: [0.123456789012345, -0.5, 1e-7] });
  const pet = await store.memories.add(userId, semantic('Has a beagle named Rex', { keywords: ['pet', 'dog'], sourceTurnIds: [turns[0]!.id], eventTime: { from: day('2024-02-09'), to: day('2024-02-10') } }));
  const older = await store.memories.supersede(userId, pet.id, semantic('Has a beagle named Rex, two years old'), withImage.id);
  await store.memories.setEmbedding(userId, older.id, { model: 'mini', vector: unitVector(3, 1, 0.25) });
  await store.memories.edit(userId, older.id, { detail: { category: 'pet' } });
  await store.sessions.close(userId, session.id, day('2024-02-12'));
  await store.personality.append(userId, { interactions: 1, turnId: withImage.id, at: day('2024-02-11'), traits: { openness: 3.5, conscientiousness: 3, extraversion: 3, agreeableness: 3.25, neuroticism: 2.75 }, inferred: { openness: 4, conscientiousness: 3, extraversion: 3, agreeableness: 4, neuroticism: 2 } });
  await store.persons.upsertMany(userId, [{ id: 'person-1', centroid: [0.6, 0.8], count: 2 }, { id: 'person-2', centroid: [0, 1], count: 1 }]);
  await store.persons.rename(userId, 'person-1', 'Alice');
  await store.jobs.enqueue(userId, { kind: 'remember.session', payload: { sessionId: session.id }, dedupeKey: `session:${session.id}` });
}

export function archiveCases(ctx: ConformanceContext): void {
  test('export → import (other engine when given) → export gives identical archives, ids preserved', async () => {
    const source = ctx.store();
    const other = (await ctx.target.createOther?.()) ?? null;
    const target = other ?? source;
    const root = await mkdtemp(join(tmpdir(), 'personavlm-archive-'));
    try {
      if (other) await other.open();
      const original = ctx.newUserId('orig');
      const copy = ctx.newUserId('copy');
      const back = ctx.newUserId('back');
      await fillUser(source, original);
      const [indexed] = await source.memories.list(original);
      assert.equal(await source.memories.setIndexEntries(original, [{ id: indexed!.id, updatedAt: indexed!.updatedAt, entry: { key: 'v1 UTC', terms: ['derived'], tokens: 3 } }]), 1);
      const first = await source.exportUser(original, join(root, 'first'));
      assert.equal(first.counts.turns, 3);
      assert.doesNotMatch(await readFile(join(root, 'first', 'memories.jsonl'), 'utf8'), /index_entry|derived/, 'derived index entries are not archived');
      const manifest = JSON.parse(await readFile(join(root, 'first', 'manifest.json'), 'utf8')) as { schemaVersion: number; embeddingModels: { model: string; dimensions: number }[] };
      assert.equal(manifest.schemaVersion, MIGRATIONS.length);
      assert.equal(first.counts.persons, 2);
      assert.deepEqual(manifest.embeddingModels.map((m) => [m.model, m.dimensions]), [['clip', 3], ['mini', 3]]);

      const imported = await target.importUser(join(root, 'first'), { asUserId: copy });
      assert.deepEqual(imported.counts, first.counts);
      await target.exportUser(copy, join(root, 'second'));
      assert.deepEqual(await readArchive(join(root, 'second'), copy), await readArchive(join(root, 'first'), original));

      await source.importUser(join(root, 'second'), { asUserId: back });
      await source.exportUser(back, join(root, 'third'));
      assert.deepEqual(await readArchive(join(root, 'third'), back), await readArchive(join(root, 'first'), original));

      // The imported copy is fully usable: vectors searchable, blobs readable, same ids, enrichment kept.
      const memories = await target.memories.list(copy);
      assert.deepEqual(memories.map((m) => m.id), (await source.memories.list(original)).map((m) => m.id));
      assert.equal((await target.turns.list(copy)).filter((turn) => turn.enrichment?.imageText === 'dog').length, 1, 'image text from enrichment is kept');
      assert.equal((await target.search.vector(copy, { model: 'clip', vector: [0.1, 0.7, 0.2], target: 'images' })).length, 1);
      const image = (await target.images.list(copy))[0]!;
      assert.deepEqual(await target.images.readBytes(copy, image.sha256), new Uint8Array([137, 80, 78, 71, 9, 9]));
      assert.equal((await target.memories.history(copy, memories[0]!.id)).length, 3);
      assert.deepEqual((await target.persons.list(copy)).map((p) => [p.id, p.name, p.centroid]), [['person-1', 'Alice', [0.6, 0.8]], ['person-2', null, [0, 1]]]);

      await assert.rejects(target.importUser(join(root, 'first'), { asUserId: copy }), (error: unknown) => PersonaError.isInstance(error) && error.code === 'invalid_input', 'import never merges into an existing user');
    } finally {
      await other?.close();
      await rm(root, { recursive: true, force: true });
    }
  });

  test('an archive written before a migration added a NOT NULL column imports with that column\'s default', async () => {
    const store = ctx.store();
    const root = await mkdtemp(join(tmpdir(), 'personavlm-archive-'));
    try {
      const user = ctx.newUserId('older');
      await store.jobs.enqueue(user, { kind: 'k', payload: {}, dedupeKey: 'old-job' });
      await store.exportUser(user, root);
      // Schema version 8 had no jobs.interruptions (migration 009): as such an archive would be.
      const jobs = (await readFile(join(root, 'jobs.jsonl'), 'utf8')).split('\n').filter(Boolean).map((line) => {
        const { interruptions: _gone, ...row } = JSON.parse(line) as Record<string, unknown>;
        return JSON.stringify(row);
      }).join('\n') + '\n';
      await writeFile(join(root, 'jobs.jsonl'), jobs);
      const manifest = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8')) as { schemaVersion: number; files: Record<string, string> };
      manifest.schemaVersion = 8;
      manifest.files['jobs.jsonl'] = createHash('sha256').update(jobs).digest('hex');
      await writeFile(join(root, 'manifest.json'), JSON.stringify(manifest));
      const copy = ctx.newUserId('newer');
      await store.importUser(root, { asUserId: copy });
      const [job] = await store.jobs.list(copy);
      assert.deepEqual([job?.dedupeKey, job?.interruptions], ['old-job', 0]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test('import verifies the whole archive first: a tampered or incomplete one imports nothing and says why', async () => {
    const store = ctx.store();
    const root = await mkdtemp(join(tmpdir(), 'personavlm-archive-bad-'));
    const isInvalid = (pattern: RegExp) => (error: unknown) => PersonaError.isInstance(error) && error.code === 'invalid_input' && pattern.test(error.message);
    try {
      const owner = ctx.newUserId('tamper');
      await fillUser(store, owner);
      const good = join(root, 'good');
      await store.exportUser(owner, good);
      const variant = async (name: string, change: (dir: string) => Promise<void>): Promise<string> => {
        const dir = join(root, name);
        await cp(good, dir, { recursive: true });
        await change(dir);
        return dir;
      };
      const manifestOf = async (dir: string) => JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown> & { tables: Record<string, number>; files: Record<string, string> };
      const rewrite = async (dir: string, edit: (manifest: Awaited<ReturnType<typeof manifestOf>>) => void) => {
        const manifest = await manifestOf(dir);
        edit(manifest);
        await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
      };
      const cases: [string, (dir: string) => Promise<void>, RegExp][] = [
        ['no-turns-entry', (dir) => rewrite(dir, (m) => void delete m.tables.turns), /lists no turns/],
        ['emptied-turns', async (dir) => {
          await writeFile(join(dir, 'turns.jsonl'), '');
          await rewrite(dir, (m) => void delete m.files['turns.jsonl']);
        }, /turns\.jsonl holds 0 rows, the manifest says 3/],
        ['counts-inflated', (dir) => rewrite(dir, (m) => void (m.tables.turns = 999)), /turns\.jsonl (does not match|holds 3 rows, the manifest says 999)/],
        ['edited-row', async (dir) => writeFile(join(dir, 'memories.jsonl'), (await readFile(join(dir, 'memories.jsonl'), 'utf8')).replace('beagle', 'poodle')), /memories\.jsonl does not match its hash/],
        ['missing-image', async (dir) => {
          for (const name of await readdir(join(dir, 'images'))) await rm(join(dir, 'images', name));
        }, /images\/[0-9a-f]{64} is missing/],
      ];
      for (const [name, change, reason] of cases) {
        const target = ctx.newUserId(name);
        await assert.rejects(store.importUser(await variant(name, change), { asUserId: target }), isInvalid(reason), name);
        assert.equal(await store.users.get(target), null, `${name}: no user`);
        assert.deepEqual(await store.images.list(target), [], `${name}: no image rows`);
      }
      await assert.rejects(store.importUser(join(root, 'no-such-dir')), isInvalid(/is not a personavlm archive \(no manifest\.json there\)/));

      // A job leased until 9999 by a process of another machine comes back as pending work, due now.
      const leased = await variant('leased', async (dir) => {
        const jobs = (await readFile(join(dir, 'jobs.jsonl'), 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
        const text = jobs.map((job) => JSON.stringify({ ...job, status: 'running', locked_by: 'elsewhere/1/x', locked_until: '9999-01-01T00:00:00+00:00', attempts: 1 })).join('\n') + '\n';
        await writeFile(join(dir, 'jobs.jsonl'), text);
        await rewrite(dir, (m) => void delete m.files['jobs.jsonl']);
      });
      const revived = ctx.newUserId('revived');
      await store.importUser(leased, { asUserId: revived });
      const [job] = await store.jobs.list(revived);
      assert.deepEqual([job?.status, job?.lockedBy, job?.lockedUntil], ['pending', null, null]);
      assert.ok((await store.jobs.claim('w', 1, 1000, new Date(Date.now() + 1000), revived)).length === 1, 'claimable: it does not hang the queue');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
}
