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
