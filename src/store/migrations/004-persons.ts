import type { Migration } from './migration.ts';

// Person identities: each user's face clusters (vision/assign-persons.ts) and the names the user gives them.
export const migration004: Migration = {
  version: 4,
  name: 'persons',
  statements: [
    `create table persons (
       user_id text not null references users (user_id),
       id text not null,
       name text,
       centroid float8[] not null,
       count integer not null check (count > 0),
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       primary key (user_id, id)
     )`,
  ],
};
