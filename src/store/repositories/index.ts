import type { StoreContext } from '../store-context.ts';
import { SqlEmbeddingRepository } from './embedding-repository.ts';
import { SqlImageRepository } from './image-repository.ts';
import { SqlJobRepository } from './job-repository.ts';
import { SqlMemoryRepository } from './memory-repository.ts';
import { SqlPersonalityRepository } from './personality-repository.ts';
import { SqlPersonRepository } from './person-repository.ts';
import { SqlMemoryViewRepository } from './memory-view-repository.ts';
import { SqlRecallViewRepository } from './recall-view-repository.ts';
import { SqlSearchRepository } from './search-repository.ts';
import { SqlSessionRepository } from './session-repository.ts';
import { SqlTurnRepository } from './turn-repository.ts';
import { SqlUserRepository } from './user-repository.ts';

export function createRepositories(context: StoreContext) {
  return {
    users: new SqlUserRepository(context),
    sessions: new SqlSessionRepository(context),
    turns: new SqlTurnRepository(context),
    images: new SqlImageRepository(context),
    memories: new SqlMemoryRepository(context),
    search: new SqlSearchRepository(context),
    embeddings: new SqlEmbeddingRepository(context),
    personality: new SqlPersonalityRepository(context),
    persons: new SqlPersonRepository(context),
    jobs: new SqlJobRepository(context),
    recallViews: new SqlRecallViewRepository(context),
    memoryViews: new SqlMemoryViewRepository(context),
  };
}
