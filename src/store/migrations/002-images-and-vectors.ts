import type { Migration } from './migration.ts';

// Images (metadata; bytes live in the BlobStore) and embeddings. Vectors are stored as float8[] on every
// engine (exact, portable, exported as is); where pgvector exists, open() adds a `vec vector` copy for `<=>`.
export const migration002: Migration = {
  version: 2,
  name: 'images-and-vectors',
  statements: [
    `create table images (
       user_id text not null references users (user_id),
       sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
       mime text not null,
       width integer not null,
       height integer not null,
       bytes integer not null,
       analysis jsonb,
       created_at timestamptz not null default now(),
       primary key (user_id, sha256)
     )`,
    `create table embeddings (
       user_id text not null references users (user_id),
       target text not null check (target in ('memories', 'turns', 'images')),
       target_id text not null,
       model text not null,
       dimensions integer not null check (dimensions > 0),
       vector float8[] not null,
       norm float8 not null check (norm > 0),
       created_at timestamptz not null default now(),
       primary key (user_id, target, target_id, model)
     )`,
    // Search is exact KNN inside one user's rows of one model: this prefix narrows the scan to them.
    `create index embeddings_by_model on embeddings (user_id, model, target)`,
  ],
};
