// persona.users: who has memory here, and a user's whole data as a unit (delete, export, import).
import type { User } from '../memory/types.ts';
import type { DeleteUserReport, ExportReport, ImportReport, MemoryStore } from '../store/memory-store.ts';

export interface UsersApi {
  /** Every user of this database (an operator's view: it is the one read not scoped to one user). */
  list(): Promise<User[]>;
  get(userId: string): Promise<User | null>;
  /** Removes every row and image of the user in one transaction and reports leftovers (there must be none). */
  delete(userId: string): Promise<DeleteUserReport>;
  /** Everything of the user into a directory (JSONL + images + manifest), portable across engines. */
  export(userId: string, directory: string): Promise<ExportReport>;
  /** Loads an export, checked whole before anything is written; `asUserId` imports it under another id. */
  import(directory: string, options?: { asUserId?: string }): Promise<ImportReport>;
}

export function usersApi(store: MemoryStore): UsersApi {
  return {
    list: () => store.users.list(),
    get: (userId) => store.users.get(userId),
    delete: (userId) => store.users.delete(userId),
    export: (userId, directory) => store.exportUser(userId, directory),
    import: (directory, options) => store.importUser(directory, options),
  };
}
