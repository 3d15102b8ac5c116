// The library's facade: what a program (and the CLI, and the server) does with a user's memory, with no
// knowledge of the store, the update phase's dependencies or the retriever behind it.
export { memoriesApi, type MemoriesApi } from './memories.ts';
export { usersApi, type UsersApi } from './users.ts';
export { turnsApi, imagesApi, sessionsApi, type TurnsApi, type ImagesApi, type SessionsApi, type TurnListQuery } from './turns.ts';
export { personalityApi, personsApi, jobsApi, type PersonalityApi, type PersonalityReport, type PersonsApi, type JobsApi } from './profile.ts';
export { profileApi, type ProfileApi, type UserProfile, type MemoryContext, type MemoryContextQuery } from './context.ts';
