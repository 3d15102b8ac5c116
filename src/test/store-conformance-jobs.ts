import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PersonaError } from '../errors/index.ts';
import type { ConformanceContext } from './store-conformance.ts';

// Claims here are scoped to the case's user: the shared store holds other cases' jobs.
export function jobCases(ctx: ConformanceContext): void {
  test('jobs: enqueue is idempotent per dedupe key; parallel claims never share a job', async () => {
    const store = ctx.store();
    const users = [ctx.newUserId(), ctx.newUserId(), ctx.newUserId()];
    const first = await store.jobs.enqueue(users[0]!, { kind: 'remember.turn', payload: { turn: 1 }, dedupeKey: 'turn:1' });
    const again = await store.jobs.enqueue(users[0]!, { kind: 'remember.turn', payload: { turn: 999 }, dedupeKey: 'turn:1' });
    assert.equal(again.id, first.id);
    assert.deepEqual(again.payload, { turn: 1 });
    for (const id of users.slice(1)) await store.jobs.enqueue(id, { kind: 'remember.turn', payload: { turn: 1 }, dedupeKey: 'turn:1' });
    const now = new Date();
    const claimed = (await Promise.all(users.flatMap((id) => [store.jobs.claim('worker-a', 4, 60_000, now, id), store.jobs.claim('worker-b', 4, 60_000, now, id)]))).flat();
    assert.equal(claimed.length, 3);
    assert.equal(new Set(claimed.map((job) => job.id)).size, 3, 'no job is claimed twice');
    assert.ok(claimed.every((job) => job.status === 'running' && job.attempts === 1));
    assert.equal(await store.jobs.pendingCount(users[0]), 1, 'running jobs are still pending work');
    await store.jobs.complete(users[0]!, first.id, claimed.find((job) => job.id === first.id)!.lockedBy!);
    assert.equal(await store.jobs.pendingCount(users[0]), 0);
    const done = await store.jobs.enqueue(users[0]!, { kind: 'remember.turn', payload: {}, dedupeKey: 'turn:1' });
    assert.equal(done.status, 'done', 'a finished job is returned, not redone');
  });

  test('jobs: one user\'s jobs are claimed one at a time in queue order, by every worker; a head not yet due holds only its user', async () => {
    const store = ctx.store();
    const [ann, bo] = [ctx.newUserId(), ctx.newUserId()];
    const later = new Date(Date.now() + 3_600_000);
    // Queued in one transaction, as a closing session's job and the next turn's job are: queue order, not time or id.
    await store.transaction(async (tx) => {
      for (let n = 1; n <= 4; n++) await tx.jobs.enqueue(ann, { kind: 'remember.turn', payload: { n }, dedupeKey: `turn:${n}` });
    });
    await store.jobs.enqueue(bo, { kind: 'remember.turn', payload: { n: 1 }, dedupeKey: 'held', runAfter: later });
    await store.jobs.enqueue(bo, { kind: 'remember.turn', payload: { n: 2 }, dedupeKey: 'after-held' });
    const now = new Date(Date.now() + 1000);
    const order: unknown[] = [];
    for (let step = 0; step < 4; step++) {
      const [a, b] = await Promise.all([store.jobs.claim('worker-a', 10, 60_000, now, ann), store.jobs.claim('worker-b', 10, 60_000, now, ann)]);
      const got = [...a, ...b];
      assert.equal(got.length, 1, `step ${step}: one job of the user at a time, whichever worker asks`);
      assert.deepEqual(await store.jobs.claim('worker-c', 10, 60_000, now, ann), [], 'none while it runs');
      order.push(got[0]!.payload.n);
      await store.jobs.complete(ann, got[0]!.id, got[0]!.lockedBy!);
    }
    assert.deepEqual(order, [1, 2, 3, 4], 'in the order they were queued');
    assert.deepEqual(await store.jobs.claim('worker-a', 10, 60_000, now, bo), [], "a head that is not due holds its user's later jobs");
    await store.jobs.runNow(bo, 'held');
    const [held] = await store.jobs.claim('worker-a', 10, 60_000, new Date(), bo);
    assert.equal(held?.payload.n, 1, 'runNow makes it due');
  });

  test('jobs: a list pages newest first and caps how many, by status', async () => {
    const store = ctx.store();
    const user = ctx.newUserId();
    for (let n = 1; n <= 5; n++) await store.jobs.enqueue(user, { kind: 'remember.turn', payload: { n }, dedupeKey: `turn:${n}` });
    const payloads = (jobs: { payload: Record<string, unknown> }[]) => jobs.map((job) => job.payload.n);
    assert.deepEqual(payloads(await store.jobs.list(user)), [1, 2, 3, 4, 5]);
    assert.deepEqual(payloads(await store.jobs.list(user, undefined, { order: 'desc', limit: 2 })), [5, 4]);
    assert.deepEqual(payloads(await store.jobs.list(user, ['pending'], { limit: 3 })), [1, 2, 3]);
    assert.deepEqual(await store.jobs.list(user, ['done'], { order: 'desc', limit: 2 }), []);
    await assert.rejects(store.jobs.list(user, undefined, { limit: 0 }), (error: unknown) => error instanceof PersonaError && error.code === 'invalid_input');
  });

  test('jobs: lease holders are listed, and a dead holder\'s leases end at once', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    await store.jobs.enqueue(id, { kind: 'k', payload: {}, dedupeKey: 'lease' });
    const holder = `conformance/${id}`;
    const [job] = await store.jobs.claim(holder, 1, 600_000, new Date(), id);
    assert.ok((await store.jobs.leaseHolders()).includes(holder));
    assert.deepEqual(await store.jobs.claim('rescuer', 1, 1000, new Date(), id), [], 'leased');
    assert.equal(await store.jobs.expireLeases([holder, 'nobody']), 1);
    const [taken] = await store.jobs.claim('rescuer', 1, 1000, new Date(), id);
    assert.equal(taken?.id, job?.id, 'claimable again at once');
    assert.equal(taken?.attempts, 1, 'the dead worker\'s try is given back: it did not fail');
    assert.equal(taken?.interruptions, 1);
  });

  test('jobs: a crash loop of workers never uses up a job\'s attempts; a job that kills its worker every time ends failed', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    await store.jobs.enqueue(id, { kind: 'k', payload: {}, dedupeKey: 'crashy', maxAttempts: 3 });
    for (let death = 1; death <= 9; death += 1) {
      const holder = `dead/${id}/${death}`;
      const [job] = await store.jobs.claim(holder, 1, 600_000, new Date(), id);
      assert.equal(job?.attempts, 1, `attempt ${death} is still the first try`);
      // Two workers noticing the same death at once give the try back once.
      const recovered = await Promise.all([store.jobs.expireLeases([holder]), store.jobs.expireLeases([holder])]);
      assert.equal(recovered[0] + recovered[1], 1);
    }
    const [last] = await store.jobs.claim(`dead/${id}/10`, 1, 600_000, new Date(), id);
    assert.equal(last?.interruptions, 9);
    await store.jobs.expireLeases([`dead/${id}/10`]);
    const [failed] = await store.jobs.list(id, ['failed']);
    assert.equal(failed?.interruptions, 10);
    assert.match(failed?.lastError ?? '', /its worker died while running it 10 times/);
    assert.equal(await store.jobs.requeue(id), 1);
    const [requeued] = await store.jobs.list(id, ['pending']);
    assert.deepEqual([requeued?.attempts, requeued?.interruptions], [0, 0]);
  });

  test('jobs: retry, give up, lease expiry and lost leases', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const t0 = new Date('2030-01-01T00:00:00Z');
    const job = await store.jobs.enqueue(id, { kind: 'k', payload: {}, dedupeKey: 'x', runAfter: t0, maxAttempts: 2 });
    assert.deepEqual(await store.jobs.claim('w', 1, 1000, new Date(t0.getTime() - 1), id), [], 'not due yet');
    const [claimed] = await store.jobs.claim('w', 1, 1000, t0, id);
    assert.equal(claimed?.id, job.id);
    const lost = (error: unknown): boolean => PersonaError.isInstance(error) && error.code === 'store_failed';
    await assert.rejects(store.jobs.complete(id, job.id, 'intruder'), lost);
    const retryAt = new Date(t0.getTime() + 5000);
    await store.jobs.fail(id, job.id, 'w', 'model timed out', retryAt);
    const [retried] = await store.jobs.list(id);
    assert.equal(retried?.status, 'pending');
    assert.equal(retried?.lastError, 'model timed out');
    assert.equal(retried?.runAfter.getTime(), retryAt.getTime());
    const [second] = await store.jobs.claim('w2', 1, 1000, retryAt, id);
    assert.equal(second?.attempts, 2);
    // The lease runs out; with no attempt left the job fails instead of being claimed a third time.
    assert.deepEqual(await store.jobs.claim('w3', 1, 1000, new Date(retryAt.getTime() + 2000), id), []);
    const [failed] = await store.jobs.list(id);
    assert.equal(failed?.status, 'failed');
    assert.match(failed?.lastError ?? '', /lease expired/);
    await assert.rejects(store.jobs.complete(id, job.id, 'w2'), lost, 'a worker whose lease expired cannot report');
    assert.equal(await store.jobs.pendingCount(id), 0);

    const other = await store.jobs.enqueue(id, { kind: 'k', payload: {}, dedupeKey: 'y', runAfter: t0, maxAttempts: 3 });
    await store.jobs.claim('w', 1, 1000, t0, id);
    const [reclaimed] = await store.jobs.claim('w4', 1, 1000, new Date(t0.getTime() + 1500), id);
    assert.equal(reclaimed?.id, other.id, 'an expired lease makes the job claimable again');
    await store.jobs.fail(id, other.id, 'w4', 'permanent', null);
    assert.equal((await store.jobs.list(id, ['failed'])).length, 2);
    assert.equal(await store.jobs.requeue(id, [other.id]), 1, 'one failed job back in the queue');
    const [again] = (await store.jobs.list(id, ['pending']));
    assert.deepEqual([again?.id, again?.attempts, again?.lastError], [other.id, 0, 'permanent'], 'fresh attempts; the last error kept until a new attempt');
    assert.equal(await store.jobs.requeue(id), 1, 'the rest of the failed ones');
    assert.equal(await store.jobs.requeue(id), 0);
    await assert.rejects(store.jobs.complete(id, 'no-such-job', 'w'), (error: unknown) => PersonaError.isInstance(error) && error.code === 'not_found');
  });
}
