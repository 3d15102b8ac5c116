import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NotFoundError, PersonaError } from '../errors/index.ts';
import { PostgresStore } from './postgres-store.ts';
import { toStoreError } from './sql-error.ts';

test('driver errors become StoreErrors that name the statement and say whether to retry', () => {
  const deadlock = toStoreError(Object.assign(new Error('deadlock detected'), { code: '40P01' }), 'update users set x = 1');
  assert.ok(PersonaError.isInstance(deadlock) && deadlock.code === 'store_failed' && deadlock.isRetryable);
  assert.match(deadlock.message, /40P01.*update users/);
  const syntax = toStoreError(Object.assign(new Error('syntax error'), { code: '42601' }), 'selec 1');
  assert.ok(PersonaError.isInstance(syntax) && !syntax.isRetryable);
  const typed = new NotFoundError('memory', 'm1');
  assert.equal(toStoreError(typed, 'select 1'), typed, 'typed errors pass through unchanged');
});

test('an unreachable server fails open() with a retryable StoreError, not a raw socket error', async () => {
  const store = new PostgresStore({ url: 'postgres://nobody:nothing@127.0.0.1:1/none' });
  await assert.rejects(store.open(), (error: unknown) => PersonaError.isInstance(error) && error.code === 'store_failed' && error.isRetryable);
  await assert.rejects(store.memories.list('u1'), /not open/);
  await store.close();
});
