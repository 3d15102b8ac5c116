/** Every table that holds user data, parents first (import order); delete in reverse. All are keyed by user_id. */
export const USER_TABLES = ['users', 'sessions', 'turns', 'images', 'memories', 'embeddings', 'personality', 'persons', 'jobs'] as const;
export type UserTable = (typeof USER_TABLES)[number];

/**
 * Tables derived from the user's data (caches another process may load): keyed by user_id, deleted with the user
 * and vacuumed with the rest, never exported in an archive (an import rebuilds them).
 */
export const DERIVED_TABLES = ['recall_views', 'memory_views'] as const;

/** Every table keyed by user_id: the tenant guard and deletion cover all of them. */
export const USER_KEYED_TABLES = [...USER_TABLES, ...DERIVED_TABLES] as const;
