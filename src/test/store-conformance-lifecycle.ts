import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PersonaError } from '../errors/index.ts';
import { MIGRATIONS } from '../store/migrations/index.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import type { ConformanceContext } from './store-conformance.ts';
import { day, semantic, sessionWithTurns, unitVector } from './store-conformance-fixtures.ts';

const isCode = (code: string) => (error: unknown): boolean => PersonaError.isInstance(error) && error.code === code;
/** What caches of the user's memories key on (User.memoryStamp); 0 when the user has no row. */
const memoryStamp = async (store: MemoryStore, userId: string): Promise<number> => (await store.users.get(userId))?.memoryStamp ?? 0;

export function lifecycleCases(ctx: ConformanceContext): void {
  test('supersede keeps the old row as history with who replaced it and when', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const { turns } = await sessionWithTurns(store, id, ['I live in Oslo', 'I moved to Bergen']);
    const oslo = await store.memories.add(id, { type: 'core', key: 'residence', content: 'Oslo', validFrom: day('2024-01-01') });
    const bergen = await store.memories.supersede(id, oslo.id, { type: 'core', key: 'residence', content: 'Bergen', validFrom: day('2024-06-01') }, turns[1]!.id);
    const old = await store.memories.get(id, oslo.id);
    assert.equal(old?.status, 'superseded');
    assert.equal(old?.supersededBy, bergen.id);
    assert.equal(old?.supersededByTurnId, turns[1]!.id);
    assert.equal(old?.validTo?.getTime(), day('2024-06-01').getTime());
    assert.deepEqual((await store.memories.list(id, { key: 'residence' })).map((m) => m.content), ['Bergen']);
    assert.deepEqual((await store.memories.list(id, { status: ['superseded'] })).map((m) => m.content), ['Oslo']);
    assert.deepEqual((await store.memories.history(id, bergen.id)).map((m) => m.content), ['Oslo', 'Bergen']);
    assert.deepEqual((await store.memories.history(id, oslo.id)).map((m) => m.content), ['Oslo']);
    await assert.rejects(store.memories.supersede(id, oslo.id, semantic('again'), null), isCode('invalid_input'));
  });

  test('annotate merges into an active memory\'s detail without a version; the stamp moves', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const episode = await store.memories.add(id, { type: 'episodic', content: 'Ann talked about her job at Acme.', detail: { job: 'session:1' } });
    const before = await memoryStamp(store, id);
    const noted = await store.memories.annotate(id, episode.id, { outdatedBy: [{ previous: 'Ann works at Acme.', current: 'Ann works at Solaris.' }] });
    assert.deepEqual(noted.detail, { job: 'session:1', outdatedBy: [{ previous: 'Ann works at Acme.', current: 'Ann works at Solaris.' }] });
    assert.equal(noted.content, episode.content);
    assert.deepEqual((await store.memories.history(id, episode.id)).map((m) => m.id), [episode.id], 'no version was written');
    assert.ok((await memoryStamp(store, id)) > before, 'recall views see the change');
    await assert.rejects(store.memories.annotate(id, 'no-such-memory', {}), isCode('not_found'));
  });

  test('retire ends an active memory without a replacement: kept as history with its end and the turn, listed only when asked', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const { turns } = await sessionWithTurns(store, id, ['I run on Thursdays', 'I stopped running']);
    const habit = await store.memories.add(id, { type: 'procedural', key: 'thursday_run', content: 'User runs every Thursday.', validFrom: day('2024-01-01') });
    const stampBefore = await memoryStamp(store, id);
    const retired = await store.memories.retire(id, habit.id, turns[1]!.id, day('2024-03-01'));
    assert.equal(retired.status, 'retired');
    assert.equal(retired.validTo?.getTime(), day('2024-03-01').getTime());
    assert.equal(retired.supersededByTurnId, turns[1]!.id);
    assert.equal(retired.supersededBy, null, 'nothing replaced it');
    assert.deepEqual(await store.memories.list(id, { types: ['procedural'] }), [], 'not live any more');
    assert.deepEqual((await store.memories.list(id, { status: ['retired'] })).map((m) => m.id), [habit.id]);
    assert.ok((await memoryStamp(store, id)) > stampBefore, 'recall views see the change');
    await assert.rejects(store.memories.retire(id, habit.id, null, day('2024-04-01')), isCode('invalid_input'), 'a retired memory cannot be retired again');
    await assert.rejects(store.memories.edit(id, habit.id, { content: 'x' }), isCode('invalid_input'));
    await assert.rejects(store.memories.retire(id, 'no-such-memory', null, day('2024-04-01')), isCode('not_found'));
  });

  test('every memory write advances the user\'s memory stamp, another user\'s writes and failed ones never', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const other = ctx.newUserId();
    const stamps = [await memoryStamp(store, id)];
    const step = async (write: () => Promise<unknown>): Promise<void> => {
      await write();
      stamps.push(await memoryStamp(store, id));
    };
    await step(() => store.memories.add(id, semantic('Ann plays chess')));
    const memory = (await store.memories.list(id))[0]!;
    const before = stamps.at(-1)!;
    await store.memories.add(other, semantic('Bo plays go'));
    await assert.rejects(store.memories.edit(id, 'no-such-memory', { content: 'x' }), isCode('not_found'));
    assert.equal(await memoryStamp(store, id), before, 'another user\'s write, or a failed one, leaves it');
    await step(() => store.memories.add(id, { type: 'procedural', key: 'chess', content: 'Ann plays chess on Fridays.' }));
    await step(() => store.memories.edit(id, memory.id, { content: 'Ann plays chess and go' }));
    await step(() => store.memories.annotate(id, memory.id, { note: 'checked' }));
    const next = await store.memories.supersede(id, memory.id, semantic('Ann quit chess'), null);
    stamps.push(await memoryStamp(store, id));
    const habit = (await store.memories.list(id, { types: ['procedural'] }))[0]!;
    await step(() => store.memories.retire(id, habit.id, null, new Date()));
    await step(() => store.memories.forget(id, next.id));
    for (let index = 1; index < stamps.length; index += 1) assert.ok(stamps[index]! > stamps[index - 1]!, `every write advances it: ${stamps.join(' ')}`);
  });

  test('edit keeps the id, stores the previous content as a superseded version, and drops stale vectors', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const memory = await store.memories.add(id, semantic('Ann has a cat', { keywords: ['pet'] }));
    await store.memories.setEmbedding(id, memory.id, { model: 'm', vector: unitVector(4, 0) });
    const edited = await store.memories.edit(id, memory.id, { content: 'Ann has two cats' });
    const again = await store.memories.edit(id, memory.id, { keywords: ['pets', 'cats'] });
    assert.equal(edited.id, memory.id);
    assert.equal(edited.embeddingModel, null, 'the vector of the old text is gone');
    assert.deepEqual(again.keywords, ['pets', 'cats']);
    assert.deepEqual((await store.memories.history(id, memory.id)).map((m) => [m.content, m.status]), [
      ['Ann has a cat', 'superseded'], ['Ann has two cats', 'superseded'], ['Ann has two cats', 'active'],
    ]);
    assert.deepEqual((await store.memories.list(id)).map((m) => m.id), [memory.id]);
  });

  test('forget deletes the memory, all its versions and its vectors', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const first = await store.memories.add(id, semantic('likes jazz'));
    const second = await store.memories.supersede(id, first.id, semantic('likes blues'), null);
    await store.memories.setEmbedding(id, second.id, { model: 'm', vector: unitVector(4, 1) });
    const other = await store.memories.add(id, semantic('likes hiking'));
    await store.memories.forget(id, second.id);
    assert.equal(await store.memories.get(id, first.id), null);
    assert.equal(await store.memories.get(id, second.id), null);
    assert.deepEqual((await store.memories.list(id, { status: ['active', 'superseded'] })).map((m) => m.id), [other.id]);
    assert.deepEqual(await store.search.vector(id, { model: 'm', vector: unitVector(4, 1), target: 'memories' }), []);
    await assert.rejects(store.memories.forget(id, second.id), isCode('not_found'));
  });

  test('time ranges: turns by time, memories said in the range or about a period overlapping it, sessions by overlap', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const { turns } = await sessionWithTurns(store, id, ['a', 'b', 'c'], day('2024-05-01'));
    const range = { from: turns[1]!.at, to: turns[2]!.at };
    assert.deepEqual((await store.turns.list(id, { range })).map((t) => t.text), ['b']);
    await store.memories.add(id, semantic('trip to Rome', { eventTime: { from: day('2023-07-01'), to: day('2023-07-10') }, validFrom: day('2024-05-01') }));
    await store.memories.add(id, semantic('birthday party', { eventTime: { from: day('2023-08-15'), to: null }, validFrom: day('2023-06-01') }));
    await store.memories.add(id, semantic('started a new job', { validFrom: day('2024-02-01') }));
    const contents = async (from: string | null, to: string | null) =>
      (await store.memories.list(id, { range: { from: from ? day(from) : null, to: to ? day(to) : null } })).map((m) => m.content).sort();
    assert.deepEqual(await contents('2023-07-05', '2023-07-06'), ['trip to Rome'], 'an event overlapping the range');
    assert.deepEqual(await contents('2023-08-01', '2023-09-01'), ['birthday party'], 'an instant inside the range');
    assert.deepEqual(await contents('2024-01-01', '2024-03-01'), ['started a new job'], 'no event time: when it was said');
    assert.deepEqual(await contents('2024-05-01', '2024-05-02'), ['trip to Rome'], 'said in the range, about another period');
    assert.deepEqual(await contents('2023-06-01', '2023-06-02'), ['birthday party'], 'said in the range (from inclusive)');
    assert.deepEqual(await contents('2023-05-01', '2023-06-01'), [], 'to is exclusive');
    assert.deepEqual(await contents(null, '2023-07-02'), ['birthday party', 'trip to Rome']);
    assert.equal((await store.sessions.list(id, { from: day('2024-05-02'), to: null })).length, 0);
    assert.equal((await store.sessions.list(id, { from: day('2024-04-30'), to: day('2024-05-02') })).length, 1);
  });

  test('deleting a user leaves no rows, vectors, jobs, personality or blobs, and spares other users', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const bystander = ctx.newUserId('bystander');
    for (const user of [id, bystander]) {
      const { turns } = await sessionWithTurns(store, user, ['hello', 'photo attached']);
      const image = await store.images.put(user, new Uint8Array([1, 2, 3, user.length]), { mime: 'image/jpeg', width: 2, height: 2 });
      await store.images.setEmbedding(user, image.sha256, { model: 'clip', vector: unitVector(3, 0) });
      await store.turns.setEmbedding(user, turns[0]!.id, { model: 'text', vector: unitVector(3, 1) });
      const memory = await store.memories.add(user, semantic('a fact', { sourceTurnIds: [turns[0]!.id] }));
      await store.memories.setEmbedding(user, memory.id, { model: 'text', vector: unitVector(3, 2) });
      await store.personality.append(user, { interactions: 0, turnId: null, at: day('2024-01-01'), traits: { openness: 3, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 }, inferred: null });
      await store.jobs.enqueue(user, { kind: 'remember.turn', payload: { turnId: turns[0]!.id }, dedupeKey: 'turn-1' });
      await store.persons.upsertMany(user, [{ id: 'person-1', centroid: unitVector(3, 0), count: 1 }]);
    }
    const report = await store.users.delete(id);
    assert.equal(report.rowsDeleted.persons, 1);
    assert.deepEqual(await store.persons.list(id), []);
    assert.equal((await store.persons.list(bystander)).length, 1);
    assert.deepEqual(report.leftovers, []);
    assert.equal(report.blobsDeleted, 1);
    assert.equal(report.rowsDeleted.turns, 2);
    assert.equal(report.rowsDeleted.embeddings, 3);
    assert.ok(!(await store.users.list()).some((user) => user.id === id));
    assert.deepEqual(await store.images.list(id), []);
    assert.equal((await store.turns.list(bystander)).length, 2, 'the other user keeps everything');
    assert.equal((await store.images.list(bystander)).length, 1);
    await assert.rejects(store.users.delete(id), isCode('not_found'));
  });

  test('vectors written by a store without pgvector are found by pgvector after the next open', async (t) => {
    if (!ctx.target.expectPgvector) return t.skip('this engine has no pgvector: there is no vector column to fill');
    const database = `vec-fill-${ctx.newUserId()}`;
    const exact = await ctx.target.create({ database, vectorSearch: 'exact' });
    await exact.open();
    const id = ctx.newUserId();
    const near = await exact.memories.add(id, semantic('near'));
    const far = await exact.memories.add(id, semantic('far'));
    try {
      await exact.memories.setEmbedding(id, near.id, { model: 'mini', vector: [1, 0.1, 0] });
      await exact.memories.setEmbedding(id, far.id, { model: 'mini', vector: [0, 0, 1] });
    } finally {
      await exact.close();
    }
    // Any store with pgvector adds the column the first time; an exact store on it then leaves its own rows' copy empty.
    for (const round of [1, 2]) {
      const store = await ctx.target.create({ database });
      await store.open();
      try {
        assert.equal((await store.capabilities()).vector, true);
        const hits = await store.search.vector(id, { model: 'mini', vector: [2, 0, 0], target: 'memories' });
        assert.deepEqual(hits.map((h) => h.id), [near.id, far.id], `round ${round}`);
        const [missing] = await store.executor().query<{ n: number }>(`select count(*)::int as n from embeddings where user_id = $1 and vec is null`, [id]);
        assert.equal(missing?.n, 0);
      } finally {
        await store.close();
      }
      if (round === 1) {
        const again = await ctx.target.create({ database, vectorSearch: 'exact' });
        await again.open();
        try {
          await again.memories.setEmbedding(id, far.id, { model: 'mini', vector: [1, 0.3, 0] });
          const [left] = await again.executor().query<{ n: number }>(`select count(*)::int as n from embeddings where user_id = $1 and vec is null`, [id]);
          assert.equal(left?.n, 1, 'the exact store wrote no vector copy');
        } finally {
          await again.close();
        }
      }
    }
  });

  test('an existing database keeps its data when later migrations run; a newer schema is refused', async () => {
    const database = `migrate-${ctx.newUserId()}`;
    const old = await ctx.target.create({ database, migrations: MIGRATIONS.slice(0, 1) });
    await old.open();
    assert.equal((await old.capabilities()).schemaVersion, 1);
    const { turns } = await sessionWithTurns(old, 'ann', ['written by version 1']);
    // Version-1 code wrote memories with plain SQL (today's repository already reads the embeddings table).
    await old.executor().query(
      `insert into memories (user_id, id, type, content, source_turn_ids, valid_from, status, lineage_id, version)
       values ('ann', 'm1', 'semantic', 'a version 1 memory', $1::text[], now(), 'active', 'm1', 1)`,
      [[turns[0]!.id]],
    );
    await old.close();
    const current = await ctx.target.create({ database });
    await current.open();
    try {
      assert.equal((await current.capabilities()).schemaVersion, MIGRATIONS.length);
      assert.deepEqual((await current.turns.list('ann')).map((t) => t.text), ['written by version 1']);
      assert.deepEqual((await current.memories.list('ann')).map((m) => m.id), ['m1']);
      assert.equal((await current.memories.get('ann', 'm1'))?.sourceTurnIds[0], turns[0]!.id);
      await current.images.put('ann', new Uint8Array([9]), { mime: 'image/png', width: 1, height: 1 });
    } finally {
      await current.close();
    }
    const stale = await ctx.target.create({ database, migrations: MIGRATIONS.slice(0, 1) });
    await assert.rejects(stale.open(), (error: unknown) => isCode('store_failed')(error) && /newer than this personavlm/.test(String(error)));
  });
}
