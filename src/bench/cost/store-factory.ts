// Where each measured run gets its store: a fresh in-memory PGlite by default; tests pass a faster one.
import { createStore } from '../../store/index.ts';
import type { MemoryStore } from '../../store/memory-store.ts';

export type StoreFactory = () => MemoryStore | Promise<MemoryStore>;

export const inMemoryPglite: StoreFactory = () => createStore({ engine: 'pglite' });
