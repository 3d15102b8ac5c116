import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { createWorkerClient } from './worker-client.ts';

type Request = { action: 'echo' | 'hang' | 'crash'; value?: string };
type Reply = { id: number; type: string; value?: string };

function client(options: { refuse?: boolean; timeoutMs?: number } = {}) {
  const starts: number[] = [];
  const instance = createWorkerClient<Request, Reply>({
    name: 'The echo',
    timeoutMs: options.timeoutMs ?? 10_000,
    start: () => {
      starts.push(starts.length + 1);
      return new Worker(new URL('./test-echo-worker.ts', import.meta.url), { workerData: { refuse: options.refuse ?? false } });
    },
  });
  return { instance, starts };
}

test('requests are answered by one reused worker', async () => {
  const { instance, starts } = client();
  const replies = await Promise.all(['a', 'b', 'c'].map((value) => instance.request({ action: 'echo', value })));
  assert.deepEqual(replies.map((reply) => reply.value), ['a', 'b', 'c']);
  assert.equal(starts.length, 1);
  await instance.close();
  // Closing stops the worker; a later request starts a fresh one (close is for shutdown and idle memory).
  assert.equal((await instance.request({ action: 'echo', value: 'd' })).value, 'd');
  assert.equal(starts.length, 2);
  await instance.close();
});

test('a worker that refuses to start fails the request with its reason, and the next request tries again', async () => {
  const { instance, starts } = client({ refuse: true });
  await assert.rejects(instance.request({ action: 'echo', value: 'x' }), /The echo could not start: no models here/);
  await assert.rejects(instance.request({ action: 'echo', value: 'x' }), /could not start/);
  assert.equal(starts.length, 2);
  await instance.close();
});

test('a stuck worker times out, is replaced, and the replacement answers', async () => {
  const { instance, starts } = client({ timeoutMs: 1500 });
  await instance.request({ action: 'echo', value: 'warm' });
  await assert.rejects(instance.request({ action: 'hang' }), /did not answer within 1500 ms/);
  assert.equal((await instance.request({ action: 'echo', value: 'again' })).value, 'again');
  assert.equal(starts.length, 2);
  await instance.close();
});

test('a crashed worker fails its request with the crash, and the next request gets a new worker', async () => {
  const { instance, starts } = client();
  await assert.rejects(instance.request({ action: 'crash' }), /The echo worker crashed: boom/);
  assert.equal((await instance.request({ action: 'echo', value: 'after' })).value, 'after');
  assert.equal(starts.length, 2);
  await instance.close();
});
