// An in-memory MemoryStore for the update phase's unit tests: fast (no WASM Postgres start per test) and
// faithful on what remember relies on: per-user scoping, transactions that roll back, idempotent enqueue, job
// leases that expire. Text search is a plain word-overlap count. The LoCoMo replay tests use the real store.
import { createHash, randomUUID } from 'node:crypto';
import type { Job, Memory, MemoryStatus, NewMemory, Person, PersonalityPoint, Session, StoredImage, Turn, User } from '../../memory/types.ts';
import type { MemoryStore, MemoryQuery, TurnQuery } from '../../store/memory-store.ts';
import { InvalidInputError, NotFoundError } from '../../errors/index.ts';
import { inMemoryJobs } from './in-memory-jobs.ts';

interface State {
  users: Map<string, User>;
  sessions: Session[];
  turns: Turn[];
  images: (StoredImage & { data: Uint8Array })[];
  memories: Memory[];
  personality: PersonalityPoint[];
  persons: Person[];
  jobs: Job[];
  seq: number;
}

const emptyState = (): State => ({ users: new Map(), sessions: [], turns: [], images: [], memories: [], personality: [], persons: [], jobs: [], seq: 0 });

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2));
}

function overlap(query: Set<string>, text: string): number {
  let score = 0;
  for (const word of words(text)) if (query.has(word)) score += 1;
  return score;
}

function memoryFrom(userId: string, input: NewMemory, now: Date): Memory {
  return {
    userId,
    id: randomUUID(),
    type: input.type,
    key: input.key ?? null,
    content: input.content,
    keywords: input.keywords ?? [],
    detail: input.detail ?? {},
    sourceTurnIds: input.sourceTurnIds ?? [],
    sourceRegions: input.sourceRegions ?? [],
    eventTime: input.eventTime ?? null,
    validFrom: input.validFrom ?? now,
    validTo: null,
    status: 'active',
    supersededBy: null,
    supersededByTurnId: null,
    embeddingModel: null,
    embeddingDimensions: null,
    createdAt: now,
    updatedAt: now,
  };
}

export function createInMemoryStore(): MemoryStore {
  let state = emptyState();
  let txChain: Promise<unknown> = Promise.resolve();
  const now = () => new Date();
  const mustMemory = (userId: string, id: string) => {
    const memory = state.memories.find((m) => m.userId === userId && m.id === id);
    if (!memory) throw new NotFoundError('memory', id);
    return memory;
  };

  /** Turn id → the user's turn stamp when its enrichment was last rewritten. */
  const turnStamps = new Map<string, number>();
  /** Every memory write advances the user's memory stamp, as the SQL store does. */
  const advanceMemoryStamp = (userId: string): void => {
    const user = state.users.get(userId);
    if (user) user.memoryStamp += 1;
  };
  const store: MemoryStore = {
    users: {
      async ensure(userId, metadata = {}) {
        let user = state.users.get(userId);
        if (!user) state.users.set(userId, (user = { id: userId, createdAt: now(), generation: randomUUID(), turnStamp: 0, memoryStamp: 0, metadata }));
        return user;
      },
      async get(userId) {
        return state.users.get(userId) ?? null;
      },
      async list() {
        return [...state.users.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
      },
      async delete(userId) {
        const counts: Record<string, number> = {};
        for (const table of ['sessions', 'turns', 'images', 'memories', 'personality', 'persons', 'jobs'] as const) {
          const before = state[table].length;
          (state[table] as { userId: string }[]) = (state[table] as { userId: string }[]).filter((row) => row.userId !== userId);
          counts[table] = before - state[table].length;
        }
        counts.users = state.users.delete(userId) ? 1 : 0;
        return { userId, rowsDeleted: counts, blobsDeleted: 0, leftovers: [] };
      },
    },
    sessions: {
      async create(userId, startedAt) {
        const session: Session = { userId, id: randomUUID(), startedAt, lastTurnAt: startedAt, closedAt: null, turnCount: 0 };
        state.sessions.push(session);
        return session;
      },
      async get(userId, sessionId) {
        return state.sessions.find((s) => s.userId === userId && s.id === sessionId) ?? null;
      },
      async current(userId) {
        return state.sessions.filter((s) => s.userId === userId && s.closedAt === null).at(-1) ?? null;
      },
      async close(userId, sessionId, closedAt) {
        const session = state.sessions.find((s) => s.userId === userId && s.id === sessionId);
        if (!session) throw new NotFoundError('session', sessionId);
        session.closedAt = closedAt;
        return session;
      },
      async list(userId) {
        return state.sessions.filter((s) => s.userId === userId);
      },
    },
    turns: {
      async append(userId, input) {
        const session = state.sessions.find((s) => s.userId === userId && s.id === input.sessionId);
        if (!session) throw new NotFoundError('session', input.sessionId);
        state.seq += 1;
        const turn: Turn = {
          userId,
          id: randomUUID(),
          sessionId: input.sessionId,
          seq: state.seq,
          role: input.role,
          speaker: input.speaker ?? null,
          text: input.text,
          at: input.at,
          images: input.images ?? [],
          externalId: input.externalId ?? null,
          metadata: input.metadata ?? {},
          enrichment: input.enrichment ?? null,
        };
        state.turns.push(turn);
        session.lastTurnAt = input.at;
        session.turnCount += 1;
        return turn;
      },
      async appendMany(userId, inputs) {
        const appended: Turn[] = [];
        for (const input of inputs) appended.push(await this.append(userId, input));
        return appended;
      },
      async byExternalId(userId, externalId) {
        return state.turns.find((t) => t.userId === userId && t.externalId === externalId) ?? null;
      },
      async get(userId, turnId) {
        return state.turns.find((t) => t.userId === userId && t.id === turnId) ?? null;
      },
      async getMany(userId, turnIds) {
        return state.turns.filter((t) => t.userId === userId && turnIds.includes(t.id));
      },
      async list(userId, query: TurnQuery = {}) {
        let rows = state.turns.filter(
          (t) =>
            t.userId === userId &&
            (query.sessionId === undefined || t.sessionId === query.sessionId) &&
            (query.role === undefined || t.role === query.role) &&
            (query.afterSeq === undefined || t.seq > query.afterSeq) &&
            (query.beforeSeq === undefined || t.seq < query.beforeSeq) &&
            (query.changedAfter === undefined || (turnStamps.get(t.id) ?? 0) > query.changedAfter),
        );
        rows = rows.sort((a, b) => (query.order === 'desc' ? b.seq - a.seq : a.seq - b.seq));
        return query.limit === undefined ? rows : rows.slice(0, query.limit);
      },
      async setEnrichment(userId, turnId, enrichment) {
        const turn = state.turns.find((t) => t.userId === userId && t.id === turnId);
        if (!turn) throw new NotFoundError('turn', turnId);
        turn.enrichment = enrichment;
        const user = state.users.get(userId);
        if (user) {
          user.turnStamp += 1;
          turnStamps.set(turnId, user.turnStamp);
        }
      },
      async setEmbedding() {},
    },
    images: {
      async put(userId, bytes, meta) {
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const existing = state.images.find((i) => i.userId === userId && i.sha256 === sha256);
        if (existing) return existing;
        const image = { userId, sha256, ...meta, bytes: bytes.length, createdAt: now(), analysis: null, data: bytes };
        state.images.push(image);
        return image;
      },
      async get(userId, sha256) {
        return state.images.find((i) => i.userId === userId && i.sha256 === sha256) ?? null;
      },
      async readBytes(userId, sha256) {
        const image = state.images.find((i) => i.userId === userId && i.sha256 === sha256);
        if (!image) throw new NotFoundError('image', sha256);
        return image.data;
      },
      async list(userId) {
        return state.images.filter((i) => i.userId === userId);
      },
      async setAnalysis(userId, sha256, analysis) {
        const image = state.images.find((i) => i.userId === userId && i.sha256 === sha256);
        if (!image) throw new NotFoundError('image', sha256);
        image.analysis = analysis;
      },
      async setEmbedding() {},
    },
    memories: {
      async add(userId, input) {
        await store.users.ensure(userId);
        advanceMemoryStamp(userId);
        const memory = memoryFrom(userId, input, now());
        state.memories.push(memory);
        return memory;
      },
      async get(userId, memoryId) {
        return state.memories.find((m) => m.userId === userId && m.id === memoryId) ?? null;
      },
      async getMany(userId, memoryIds) {
        return state.memories.filter((m) => m.userId === userId && memoryIds.includes(m.id));
      },
      async list(userId, query: MemoryQuery = {}) {
        const statuses: MemoryStatus[] = query.status ?? ['active'];
        const rows = state.memories.filter(
          (m) =>
            m.userId === userId &&
            statuses.includes(m.status) &&
            (query.types === undefined || query.types.includes(m.type)) &&
            (query.key === undefined || m.key === query.key),
        );
        return query.limit === undefined ? rows : rows.slice(0, query.limit);
      },
      async edit(userId, memoryId, patch) {
        advanceMemoryStamp(userId);
        const old = mustMemory(userId, memoryId);
        return store.memories.supersede(userId, memoryId, { ...old, ...patch }, null);
      },
      async supersede(userId, memoryId, replacement, byTurnId) {
        advanceMemoryStamp(userId);
        const old = mustMemory(userId, memoryId);
        const next = memoryFrom(userId, replacement, now());
        state.memories.push(next);
        Object.assign(old, { status: 'superseded', supersededBy: next.id, supersededByTurnId: byTurnId, validTo: now() });
        return next;
      },
      async annotate(userId, memoryId, detail) {
        advanceMemoryStamp(userId);
        const memory = mustMemory(userId, memoryId);
        if (memory.status !== 'active') throw new InvalidInputError(`Memory "${memoryId}" is not active.`);
        Object.assign(memory, { detail: { ...memory.detail, ...detail }, updatedAt: now() });
        return memory;
      },
      async retire(userId, memoryId, byTurnId, at) {
        advanceMemoryStamp(userId);
        const memory = mustMemory(userId, memoryId);
        if (memory.status !== 'active') throw new InvalidInputError(`Memory "${memoryId}" is not active.`);
        Object.assign(memory, { status: 'retired', supersededByTurnId: byTurnId, validTo: at, updatedAt: now() });
        return memory;
      },
      async history(userId, memoryId) {
        const chain = [mustMemory(userId, memoryId)];
        for (;;) {
          const previous = state.memories.find((m) => m.userId === userId && m.supersededBy === chain[0]!.id);
          if (!previous) return chain;
          chain.unshift(previous);
        }
      },
      async forget(userId, memoryId) {
        advanceMemoryStamp(userId);
        const ids = new Set((await store.memories.history(userId, memoryId)).map((m) => m.id));
        state.memories = state.memories.filter((m) => !(m.userId === userId && ids.has(m.id)));
      },
      async setEmbedding() {},
    },
    search: {
      async text(userId, query) {
        const q = words(query.text);
        const rows =
          query.target === 'memories'
            ? state.memories
                .filter((m) => m.userId === userId && m.status === 'active' && (!query.types || query.types.includes(m.type)))
                .map((m) => ({ id: m.id, score: overlap(q, `${m.content} ${m.keywords.join(' ')}`) }))
            : state.turns.filter((t) => t.userId === userId).map((t) => ({ id: t.id, score: overlap(q, t.text) }));
        return rows
          .filter((r) => r.score > 0)
          .sort((a, b) => b.score - a.score)
          .slice(0, query.limit ?? 10)
          .map((r) => ({ target: query.target, ...r }));
      },
      async vector() {
        return [];
      },
    },
    // setEmbedding stores nothing here, so there are no vectors of any model to list, find or delete.
    embeddings: {
      async models() {
        return [];
      },
      async existing() {
        return [];
      },
      async uncovered() {
        return [];
      },
      async deleteModel() {
        return 0;
      },
    },
    personality: {
      async append(userId, point) {
        const stored = { userId, ...point };
        state.personality.push(stored);
        return stored;
      },
      async latest(userId) {
        return state.personality.filter((p) => p.userId === userId).at(-1) ?? null;
      },
      async history(userId) {
        return state.personality.filter((p) => p.userId === userId);
      },
    },
    persons: {
      async list(userId) {
        return state.persons.filter((p) => p.userId === userId).sort((a, b) => a.id.localeCompare(b.id));
      },
      async upsertMany(userId, persons) {
        for (const input of persons) {
          const existing = state.persons.find((p) => p.userId === userId && p.id === input.id);
          if (existing) Object.assign(existing, { centroid: input.centroid, count: input.count, updatedAt: new Date() });
          else state.persons.push({ userId, id: input.id, name: null, centroid: input.centroid, count: input.count, createdAt: new Date(), updatedAt: new Date() });
        }
      },
      async rename(userId, personId, name) {
        const person = state.persons.find((p) => p.userId === userId && p.id === personId);
        if (!person) throw new NotFoundError('person', personId);
        Object.assign(person, { name, updatedAt: new Date() });
        return { ...person };
      },
    },
    jobs: inMemoryJobs(() => state.jobs, now),
    async open() {},
    async capabilities() {
      return { engine: 'pglite', vector: false, textSearchConfig: 'simple', serverVersion: 'in-memory', schemaVersion: 0 };
    },
    async transaction(fn) {
      // Serialised like a single connection; rolled back by restoring a deep copy of the state.
      const run = txChain.then(async () => {
        const snapshot = structuredClone(state);
        try {
          return await fn(store);
        } catch (error) {
          state = snapshot;
          throw error;
        }
      });
      txChain = run.catch(() => undefined);
      return run;
    },
    async exportUser() {
      // Throws rather than report an export that wrote nothing.
      throw new Error('exportUser is not supported by the in-memory test store');
    },
    async importUser() {
      throw new Error('importUser is not supported by the in-memory test store');
    },
    async close() {},
  };
  return store;
}
