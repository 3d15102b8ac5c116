import type { Migration } from './migration.ts';

// A client that retries a turn after a lost response sends the same id (externalId): recordTurn looks it up
// under the user's row lock and returns the stored turn instead of storing it twice. This index makes that
// lookup one probe per turn at any history size.
export const migration008: Migration = {
  version: 8,
  name: 'turn-external-id',
  statements: [`create index turns_external_id on turns (user_id, external_id) where external_id is not null`],
};
