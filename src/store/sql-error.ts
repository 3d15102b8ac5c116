import { InvalidInputError, PersonaError, StoreError } from '../errors/index.ts';

// Worth retrying: serialization failure, deadlock, connection loss, server shutdown (SQLSTATE), and the
// socket errors of an unreachable or restarting server (Node error codes).
const RETRYABLE = /^(40001|40P01|08...|57P0[1-3]|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE)$/;

// Values PostgreSQL cannot store, whatever validation let through: the caller's input, not a database fault.
const BAD_VALUE: Record<string, string> = {
  '22021': 'a text holds a NUL character (\\u0000) or bytes that are not UTF-8, which PostgreSQL cannot store: remove them',
  '22P05': 'a text holds a NUL character (\\u0000), which PostgreSQL cannot store: remove it',
  '22008': 'a date is outside what PostgreSQL stores (years 4713 BC to 294276 AD; use a real calendar date such as 2026-05-01)',
  '22007': 'a date or time is not valid: use ISO 8601, e.g. 2026-05-01T09:30:00Z',
};

/** Wraps a driver error in a StoreError that names the failing statement; typed errors pass through. */
export function toStoreError(error: unknown, sql: string): Error {
  if (PersonaError.isInstance(error)) return error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const sqlState = typeof code === 'string' ? code : null;
  const message = error instanceof Error ? error.message : String(error);
  const statement = sql.replace(/\s+/g, ' ').trim().slice(0, 120);
  const bad = sqlState ? BAD_VALUE[sqlState] : undefined;
  if (bad) return new InvalidInputError(`Invalid input: ${bad}. Nothing was stored. (${message})`, { cause: error, details: { sqlState } });
  return new StoreError(`Database error${sqlState ? ` ${sqlState}` : ''}: ${message} (in: ${statement}). Check that the database is reachable and was opened with this version of personavlm.`, {
    cause: error,
    isRetryable: sqlState !== null && RETRYABLE.test(sqlState),
    details: { sqlState, statement },
  });
}
