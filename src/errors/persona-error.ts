import type { ErrorCode } from './codes.ts';

const marker = Symbol.for('personavlm.error');

export interface PersonaErrorOptions {
  cause?: unknown;
  /** Extra typed facts for machines (HTTP bodies, CLI --json output). */
  details?: Record<string, unknown>;
}

/**
 * Base of every error the library throws on purpose. `code` is stable (tests, HTTP, CLI exit codes match on
 * it); `message` tells a person what to do. The marker survives duplicate module copies, unlike instanceof.
 */
export class PersonaError extends Error {
  readonly [marker] = true;
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  readonly isRetryable: boolean = false;

  constructor(code: ErrorCode, message: string, options: PersonaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PersonaError';
    this.code = code;
    this.details = options.details ?? {};
  }

  static isInstance(value: unknown): value is PersonaError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  /** The library's error with this code, whichever copy of the module threw it (`PersonaError.hasCode(e, 'not_found')`). */
  static hasCode<C extends ErrorCode>(value: unknown, code: C): value is PersonaError & { code: C } {
    return PersonaError.isInstance(value) && value.code === code;
  }
}
