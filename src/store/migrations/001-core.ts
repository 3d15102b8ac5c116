import type { Migration } from './migration.ts';

// Users, sessions, turns and memories: what the update phase and recall need first.
// Every primary key starts with user_id: it is the tenant boundary and the Citus distribution column.
export const migration001: Migration = {
  version: 1,
  name: 'core',
  statements: [
    // array_to_string is only STABLE; generated columns need IMMUTABLE, and for text[] it is.
    `create or replace function personavlm_words(words text[]) returns text
       language sql immutable parallel safe as $$ select coalesce(array_to_string(words, ' '), '') $$`,
    `create table users (
       user_id text primary key,
       created_at timestamptz not null default now(),
       metadata jsonb not null default '{}',
       turn_seq bigint not null default 0
     )`,
    `create table sessions (
       user_id text not null references users (user_id),
       id text not null,
       started_at timestamptz not null,
       last_turn_at timestamptz not null,
       closed_at timestamptz,
       turn_count integer not null default 0,
       primary key (user_id, id)
     )`,
    `create index sessions_by_start on sessions (user_id, started_at)`,
    `create table turns (
       user_id text not null,
       id text not null,
       session_id text not null,
       seq bigint not null,
       role text not null check (role in ('user', 'assistant')),
       speaker text,
       text text not null,
       at timestamptz not null,
       images text[] not null default '{}',
       external_id text,
       metadata jsonb not null default '{}',
       enrichment jsonb,
       tsv tsvector generated always as (to_tsvector('english',
         coalesce(speaker, '') || ' ' || text || ' ' || coalesce(enrichment ->> 'imageText', ''))) stored,
       primary key (user_id, id),
       unique (user_id, seq),
       foreign key (user_id, session_id) references sessions (user_id, id)
     )`,
    `create index turns_by_time on turns (user_id, at)`,
    `create index turns_by_session on turns (user_id, session_id, seq)`,
    `create index turns_text on turns using gin (tsv)`,
    `create table memories (
       user_id text not null references users (user_id),
       id text not null,
       type text not null check (type in ('core', 'semantic', 'episodic', 'procedural')),
       key text,
       content text not null,
       keywords text[] not null default '{}',
       detail jsonb not null default '{}',
       source_turn_ids text[] not null default '{}',
       source_regions jsonb not null default '[]',
       event_from timestamptz,
       event_to timestamptz,
       valid_from timestamptz not null,
       valid_to timestamptz,
       status text not null check (status in ('active', 'superseded')),
       superseded_by text,
       superseded_by_turn_id text,
       lineage_id text not null,
       version integer not null,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       tsv tsvector generated always as (to_tsvector('english', content || ' ' || personavlm_words(keywords))) stored,
       primary key (user_id, id),
       unique (user_id, lineage_id, version)
     )`,
    `create index memories_by_status on memories (user_id, status, type, valid_from)`,
    `create index memories_text on memories using gin (tsv)`,
  ],
};
