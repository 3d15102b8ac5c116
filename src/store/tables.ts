/** Every table that holds user data, parents first (import order); delete in reverse. All are keyed by user_id. */
export const USER_TABLES = ['users', 'sessions', 'turns', 'images', 'memories', 'embeddings', 'personality', 'persons', 'jobs'] as const;
export type UserTable = (typeof USER_TABLES)[number];
