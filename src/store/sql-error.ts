import { PersonaError, StoreError } from '../errors/index.ts';

// Worth retrying: serialization failure, deadlock, connection loss, server shutdown (SQLSTATE), and the
// socket errors of an unreachable or restarting server (Node error codes).
const RETRYABLE = /^(40001|40P01|08...|57P0[1-3]|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE)$/;

/** Wraps a driver error in a StoreError that names the failing statement; typed errors pass through. */
export function toStoreError(error: unknown, sql: string): Error {
  if (PersonaError.isInstance(error)) return error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const sqlState = typeof code === 'string' ? code : null;
  const message = error instanceof Error ? error.message : String(error);
  const statement = sql.replace(/\s+/g, ' ').trim().slice(0, 120);
  return new StoreError(`Database error${sqlState ? ` ${sqlState}` : ''}: ${message} (in: ${statement}). Check that the database is reachable and was opened with this version of personavlm.`, {
    cause: error,
    isRetryable: sqlState !== null && RETRYABLE.test(sqlState),
    details: { sqlState, statement },
  });
}
