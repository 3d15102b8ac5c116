import type { Migration } from './migration.ts';

// A job whose worker died (kill -9, a crash, a restart) did not fail: the try is given back and counted here
// instead, so a crash loop of the servers cannot use up a healthy job's attempts; a job that kills its worker
// every time still ends failed after MAX_INTERRUPTIONS (job-repository.ts).
export const migration009: Migration = {
  version: 9,
  name: 'job-interruptions',
  statements: [`alter table jobs add column interruptions int not null default 0`],
};
