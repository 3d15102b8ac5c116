import { PersonaError, type PersonaErrorOptions } from './persona-error.ts';

/** Input that breaks a documented rule: wrong type, unknown field, malformed id, bad date. */
export class InvalidInputError extends PersonaError {
  constructor(message: string, options?: PersonaErrorOptions) {
    super('invalid_input', message, options);
    this.name = 'InvalidInputError';
  }
}

// Where a person can see what does exist, by kind of thing.
const LIST_HINTS: Record<string, string> = {
  memory: 'List what exists with `personavlm memory list --user <id>`.',
  person: 'List the persons with `personavlm memory persons --user <id>`.',
  user: '`personavlm users list` shows who is stored.',
};

/** A user, memory, turn, image or job that does not exist for this user. */
export class NotFoundError extends PersonaError {
  constructor(what: string, id: string, options?: PersonaErrorOptions) {
    const where = what === 'user' ? 'No user with this id is stored here.' : `${what} "${id}" does not exist for this user.`;
    super('not_found', `${what === 'user' ? `user "${id}": ` : ''}${where}${LIST_HINTS[what] ? ` ${LIST_HINTS[what]}` : ''}`, {
      ...options,
      details: { what, id, ...options?.details },
    });
    this.name = 'NotFoundError';
  }
}

/** A payload over a configured limit (text length, image bytes or pixels, archive size). */
export class PayloadTooLargeError extends PersonaError {
  /** setting: the env variable and config key that raise the limit; fix: what to do instead when none does. */
  constructor(what: string, size: number, limit: number, options?: PersonaErrorOptions & { setting?: string; fix?: string }) {
    const remedy = options?.setting ? `Send something smaller, or raise the limit with ${options.setting}.` : (options?.fix ?? 'Send something smaller.');
    super('payload_too_large', `${what} is ${size} but the limit is ${limit}. ${remedy}`, {
      ...options,
      details: { what, size, limit, ...(options?.setting ? { setting: options.setting } : {}), ...options?.details },
    });
    this.name = 'PayloadTooLargeError';
  }
}

/** Bytes that are not a decodable image of a supported format. */
export class InvalidImageError extends PersonaError {
  constructor(message: string, options?: PersonaErrorOptions) {
    super('invalid_image', message, options);
    this.name = 'InvalidImageError';
  }
}

/** Configuration that fails validation or names something missing. */
export class ConfigError extends PersonaError {
  constructor(message: string, options?: PersonaErrorOptions) {
    super('config_invalid', message, options);
    this.name = 'ConfigError';
  }
}

/** A capability needs a model (chat, embedder, analyzer) that is not configured. Never silently degraded. */
export class ModelNotConfiguredError extends PersonaError {
  constructor(what: string, howToConfigure: string, options?: PersonaErrorOptions) {
    super('model_not_configured', `${what} needs a model, and none is configured. ${howToConfigure}`, options);
    this.name = 'ModelNotConfiguredError';
  }
}

/** A model call failed (HTTP error, timeout, refused). `isRetryable` follows the transport's verdict. */
export class ModelCallError extends PersonaError {
  override readonly isRetryable: boolean;
  constructor(message: string, options: PersonaErrorOptions & { isRetryable: boolean }) {
    super('model_call_failed', message, options);
    this.name = 'ModelCallError';
    this.isRetryable = options.isRetryable;
  }
}

/** Model output that could not be parsed or repaired into the shape a prompt asks for. */
export class ModelOutputError extends PersonaError {
  constructor(promptId: string, message: string, options?: PersonaErrorOptions) {
    super('model_output_invalid', `Output of prompt "${promptId}" was rejected: ${message}`, {
      ...options,
      details: { promptId, ...options?.details },
    });
    this.name = 'ModelOutputError';
  }
}

/** Vectors from two different embedding models (or dimensions) would be mixed. */
export class EmbeddingMismatchError extends PersonaError {
  constructor(message: string, options?: PersonaErrorOptions) {
    super('embedding_mismatch', message, options);
    this.name = 'EmbeddingMismatchError';
  }
}

/** The database failed or is in a state the code cannot work with (migration from the future, lost connection). */
export class StoreError extends PersonaError {
  override readonly isRetryable: boolean;
  constructor(message: string, options: PersonaErrorOptions & { isRetryable?: boolean } = {}) {
    super('store_failed', message, options);
    this.name = 'StoreError';
    this.isRetryable = options.isRetryable ?? false;
  }
}

/** A budget (model calls per answer or per turn) would be exceeded. */
export class BudgetExceededError extends PersonaError {
  constructor(message: string, options?: PersonaErrorOptions) {
    super('budget_exceeded', message, options);
    this.name = 'BudgetExceededError';
  }
}

/** An optional dependency a configured feature needs is not installed (npm --omit=optional, no prebuilt binary). */
export class DependencyMissingError extends PersonaError {
  constructor(feature: string, pkg: string, instead: string, options?: PersonaErrorOptions) {
    super('dependency_missing', `${feature} needs the optional package ${pkg}, which is not installed. Run \`npm install ${pkg}\`${instead ? `, or ${instead}` : ''}.`, {
      ...options,
      details: { package: pkg, ...options?.details },
    });
    this.name = 'DependencyMissingError';
  }
}
