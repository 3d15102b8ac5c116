import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError, NotFoundError, PersonaError } from './index.ts';

test('typed errors carry a stable code and are recognised across copies by marker', () => {
  const error = new NotFoundError('memory', 'm1');
  assert.equal(error.code, 'not_found');
  assert.ok(PersonaError.isInstance(error));
  assert.ok(!PersonaError.isInstance(new Error('plain')));
  assert.match(error.message, /does not exist/);
  assert.match(error.message, /personavlm memory list/, 'a memory that is not there points to where memories are listed');
  assert.match(new NotFoundError('person', 'person-9').message, /personavlm memory persons/);
  assert.doesNotMatch(new NotFoundError('job', 'j1').message, /memory list/, 'no misleading hint where none fits');
  const withCause = new InvalidInputError('bad', { cause: new Error('root') });
  assert.equal((withCause.cause as Error).message, 'root');
});

test('every error code has an HTTP response and a CLI exit status; client errors are explained, failures are not', async () => {
  const { ERROR_CODES } = await import('./codes.ts');
  const { describeError } = await import('../server/error-handler.ts');
  const { exitCodeFor } = await import('../cli/main.ts');
  for (const code of ERROR_CODES) {
    const error = new PersonaError(code, `secret detail of ${code}`);
    const { status, body, internal } = describeError(error);
    assert.ok(status >= 400 && status < 600, code);
    assert.equal(body.error.code, code);
    if (internal) assert.doesNotMatch(body.error.message, /secret detail/, `${code}: a failure's details stay in the server log`);
    assert.ok([1, 2, 3, 4].includes(exitCodeFor(error)), code);
  }
  assert.equal(describeError(new NotFoundError('memory', 'm1')).status, 404);
  assert.equal(describeError(new PersonaError('backpressure', 'wait')).status, 429);
  assert.ok(PersonaError.hasCode(new NotFoundError('memory', 'm1'), 'not_found'));
  assert.ok(!PersonaError.hasCode(new InvalidInputError('x'), 'not_found'));
});
