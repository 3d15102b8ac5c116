// persona.personality, persona.persons, persona.jobs: the person as the memory sees them, and its update queue.
import { NotFoundError } from '../errors/index.ts';
import type { BigFive, Job, Person, PersonalityPoint, PersonFace } from '../memory/types.ts';
import { namePerson, type NamePersonReport } from '../remember/name-person.ts';
import type { JobPage, MemoryStore } from '../store/memory-store.ts';

export interface PersonalityReport {
  userId: string;
  interactions: number;
  /** The latest estimate, or null before the first scored turn. */
  current: BigFive | null;
  /** Every point, oldest first, with the text of the turn that moved it. */
  points: (PersonalityPoint & { turnText: string | null })[];
}

export interface PersonalityApi {
  /** NotFoundError for a user this database has never seen. */
  get(userId: string): Promise<PersonalityReport>;
}

export interface PersonsApi {
  /** The people recognised in the user's photos (face clusters), named or not. */
  list(userId: string): Promise<Person[]>;
  /** Names (null: unnames) a person, so a search by the name finds their photos. */
  name(userId: string, personId: string, name: string | null): Promise<NamePersonReport>;
  /** Up to `perPerson` faces of each person, newest photo first: what a page shows them by. */
  faces(userId: string, perPerson: number): Promise<PersonFace[]>;
}

export interface JobsApi {
  /** In queue order; `page` gives the newest first and caps how many (done jobs pile up: one per turn). */
  list(userId: string, status?: Job['status'][], page?: JobPage): Promise<Job[]>;
  /** Requeues failed jobs (all of the user's, or these ids) with fresh attempts; returns how many. */
  retry(userId: string, jobIds?: string[]): Promise<number>;
}

export function personalityApi(store: MemoryStore): PersonalityApi {
  return {
    get: async (userId) => {
      if (!(await store.users.get(userId))) throw new NotFoundError('user', userId);
      const history = await store.personality.history(userId);
      const turnIds = history.flatMap((point) => (point.turnId ? [point.turnId] : []));
      const turns = new Map((await store.turns.getMany(userId, turnIds)).map((turn) => [turn.id, turn]));
      const points = history.map((point) => ({ ...point, turnText: point.turnId ? (turns.get(point.turnId)?.text ?? null) : null }));
      return { userId, interactions: history.at(-1)?.interactions ?? 0, current: history.at(-1)?.traits ?? null, points };
    },
  };
}

export function personsApi(store: MemoryStore): PersonsApi {
  return {
    list: (userId) => store.persons.list(userId),
    name: (userId, personId, name) => namePerson(store, userId, personId, name),
    faces: (userId, perPerson) => store.images.personFaces(userId, perPerson),
  };
}

export function jobsApi(store: MemoryStore): JobsApi {
  return {
    list: (userId, status, page) => store.jobs.list(userId, status, page),
    retry: (userId, jobIds) => store.jobs.requeue(userId, jobIds),
  };
}
