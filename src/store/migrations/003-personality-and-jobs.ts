import type { Migration } from './migration.ts';

// The Big Five time series (PEM) and the durable job queue of the update phase.
export const migration003: Migration = {
  version: 3,
  name: 'personality-and-jobs',
  statements: [
    `create table personality (
       user_id text not null references users (user_id),
       interactions integer not null check (interactions >= 0),
       turn_id text,
       at timestamptz not null,
       openness float8 not null,
       conscientiousness float8 not null,
       extraversion float8 not null,
       agreeableness float8 not null,
       neuroticism float8 not null,
       inferred_openness float8,
       inferred_conscientiousness float8,
       inferred_extraversion float8,
       inferred_agreeableness float8,
       inferred_neuroticism float8,
       primary key (user_id, interactions)
     )`,
    `create table jobs (
       user_id text not null references users (user_id),
       id text not null,
       kind text not null,
       payload jsonb not null,
       status text not null check (status in ('pending', 'running', 'done', 'failed')),
       attempts integer not null default 0,
       max_attempts integer not null check (max_attempts > 0),
       run_after timestamptz not null,
       locked_by text,
       locked_until timestamptz,
       last_error text,
       dedupe_key text not null,
       created_at timestamptz not null default now(),
       finished_at timestamptz,
       primary key (user_id, id),
       unique (user_id, dedupe_key)
     )`,
    // Workers claim across users (the one cross-tenant read besides users.list): due jobs by time.
    `create index jobs_due on jobs (status, run_after)`,
  ],
};
