// A recall query's rules, checked before any work so a caller learns what to fix.
import { InvalidInputError } from '../errors/index.ts';
import type { RecallQuery } from './types.ts';

export function validateRecallQuery(query: RecallQuery): void {
  if (typeof query.userId !== 'string' || query.userId.trim() === '') throw new InvalidInputError('recall needs a user id.');
  if (!(query.at instanceof Date) || Number.isNaN(query.at.getTime())) throw new InvalidInputError('recall needs `at`, a valid Date: the time of asking.');
  if (!Number.isInteger(query.budgetTokens) || query.budgetTokens <= 0) {
    throw new InvalidInputError(`budgetTokens must be a positive integer; got ${String(query.budgetTokens)}.`);
  }
  const range = query.timeRange;
  if (range?.from && range.to && range.from >= range.to) {
    throw new InvalidInputError(`timeRange.from (${range.from.toISOString()}) must be before timeRange.to (${range.to.toISOString()}).`);
  }
}
