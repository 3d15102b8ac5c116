import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PersonaError } from '../errors/index.ts';
import type { ConformanceContext } from './store-conformance.ts';

// Claims here are scoped to the case's user: the shared store holds other cases' jobs.
export function jobCases(ctx: ConformanceContext): void {
  test('jobs: enqueue is idempotent per dedupe key; parallel claims never share a job', async () => {
    const store = ctx.store();
    const id = ctx.newUserId();
    const first = await store.jobs.enqueue(id, { kind: 'remember.turn', payload: { turn: 1 }, dedupeKey: 'turn:1' });
    const again = await store.jobs.enqueue(id, { kind: 'remember.turn', payload: { turn: 999 }, dedupeKey: 'turn:1' });
    assert.equal(again.id, first.id);
    assert.deepEqual(again.payload, { turn: 1 });
    for (let n = 2; n <= 6; n++) await store.jobs.enqueue(id, { kind: 'remember.turn', payload: { turn: n }, dedupeKey: `turn:${n}` });
    assert.equal(await store.jobs.pendingCount(id), 6);
    const now = new Date();
    const [a, b] = await Promise.all([store.jobs.claim('worker-a', 4, 60_000, now, id), store.jobs.claim('worker-b', 4, 60_000, now, id)]);
    const ids = [...a, ...b].map((job) => job.id);
    assert.equal(ids.length, 6);
    assert.equal(new Set(ids).size, 6, 'no job is claimed twice');
    assert.ok([...a, ...b].every((job) => job.status === 'running' && job.attempts === 1));
    assert.equal(await store.jobs.pendingCount(id), 6, 'running jobs are still pending work');
    for (const job of a) await store.jobs.complete(id, job.id, 'worker-a');
    assert.equal(await store.jobs.pendingCount(id), b.length);
    assert.equal((await store.jobs.list(id, ['done'])).length, a.length);
    const done = await store.jobs.enqueue(id, { kind: 'remember.turn', payload: {}, dedupeKey: 'turn:1' });
    assert.equal(done.status, a.some((job) => job.id === first.id) ? 'done' : 'running', 'a finished job is returned, not redone');
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
    await assert.rejects(store.jobs.complete(id, 'no-such-job', 'w'), (error: unknown) => PersonaError.isInstance(error) && error.code === 'not_found');
  });
}
