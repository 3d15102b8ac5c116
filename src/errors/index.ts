export { PersonaError, type PersonaErrorOptions } from './persona-error.ts';
export { ERROR_CODES, type ErrorCode } from './codes.ts';
export * from './errors.ts';
export { describeError, type ErrorBody } from './describe-error.ts';
