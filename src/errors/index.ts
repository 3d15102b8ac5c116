export { PersonaError, type PersonaErrorOptions } from './persona-error.ts';
export * from './errors.ts';
