import type { Migration } from './migration.ts';

// One user's update jobs run strictly in the order they were queued (PEM is sequential; a correction must apply
// after what it corrects), across every worker process, not only inside one: seq is that order (created_at ties
// within a transaction), and the partial index serves "each user's oldest unfinished job".
export const migration006: Migration = {
  version: 6,
  name: 'job-order',
  statements: [
    `alter table jobs add column seq bigserial`,
    `create index jobs_queue on jobs (user_id, seq) where status in ('pending', 'running')`,
  ],
};
