// The per-user ranking view, built from the store on first use and brought up to date before every recall:
// new turns by seq (incremental), memories changed since the stamp it saw (incremental), everything when a person is
// (re)named. The views of the least recently used users are dropped beyond a bound, so a server with many
// users keeps memory in check.
import type { EventBus } from '../memory/events.ts';
import type { MemoryType, User } from '../memory/types.ts';
import type { DerivedIndexEntry, MemoryIndexEntry, MemoryStore } from '../store/memory-store.ts';
import type { Bm25Options } from './bm25.ts';
import { UTC } from '../memory/time-zone.ts';
import { indexEntryKey, MemoryCorpus } from './memory-corpus.ts';
import { TurnCorpus } from './turn-corpus.ts';
import { decodeView, encodeView, snapshotKey, VIEW_SNAPSHOT_FORMAT } from './view-snapshot.ts';
import { decodeMemorySnapshot, encodeMemorySnapshot, MEMORY_SNAPSHOT_FORMAT } from './memory-snapshot.ts';
import { createHash } from 'node:crypto';

export interface UserView {
  turns: TurnCorpus;
  memories: MemoryCorpus;
  /** The user's person names when the turns were indexed: naming a person rewrites older turns' image text. */
  personNames: string;
  /** Generation of the user row the view was built from (User.generation); null when the user did not exist. */
  generation: string | null;
  /** The user's turn stamp when the view last caught up with changed turns (User.turnStamp). */
  turnStamp: number;
  /** The user's memory stamp the memories were read under (User.memoryStamp); -1 before the first read. */
  memoryStamp: number;
  /** Turns in the view when it was last saved or loaded (retrieval/view-snapshot.ts); -1 before a load was tried. */
  savedTurns: number;
}

// Core memory (the profile) is always in the prompt, so it is not indexed for recall.
const INDEXED_TYPES: MemoryType[] = ['semantic', 'episodic', 'procedural'];

/** Turns fetched per store call while catching up. */
const PAGE = 1000;
/** Turns added in one refresh past which the view is compacted. */
const COMPACT_AFTER = 4096;
/**
 * Turns indexed since the view was last saved past which it is saved again, for the next cold process (the first
 * build is always saved): a view of 4k turns takes about half a second to build and a few milliseconds to load,
 * and a save costs about as much as building 4k turns, so a live user pays it once per 4k turns.
 */
export const SAVE_VIEW_AFTER = 4096;
/**
 * Indexed memories from which the memory view is saved for the next cold process (retrieval/memory-snapshot.ts):
 * below it a full read costs a few milliseconds more than loading. Saved after a full read; a loaded view takes
 * the memories written since, until more than a quarter of them (at least 256) changed, and is then read and
 * saved again.
 */
export const SAVE_MEMORY_VIEW_FROM = 1000;
const STALE_MEMORY_VIEW = (size: number): number => Math.max(256, size >> 2);

interface ViewKey {
  format: number;
  generation: string | null;
  /** Hash of the person names the turns' image text was read with. */
  names: string;
  k1: number;
  b: number;
  /** What the saved view holds (not matched): the user's turn stamp it caught up with. */
  turnStamp: number;
}

/**
 * The user's memory view built from scratch: every indexed memory with its stored index entry, and the superseded
 * semantic ones (which turns state facts that have changed since, retrieval/currency.ts).
 */
export async function readMemoryCorpus(store: MemoryStore, userId: string, timeZone: string): Promise<MemoryCorpus> {
  const [active, superseded] = await Promise.all([
    store.memories.listWithIndexEntries(userId, { types: INDEXED_TYPES }),
    store.memories.list(userId, { types: ['semantic'], status: ['superseded'] }),
  ]);
  const stored = new Map<string, MemoryIndexEntry>();
  for (const { memory, indexEntry } of active) if (indexEntry) stored.set(memory.id, indexEntry);
  return new MemoryCorpus(active.map(({ memory }) => memory), timeZone, superseded, stored);
}

export class UserViews {
  readonly #store: MemoryStore;
  readonly #bm25: Bm25Options;
  readonly #maxUsers: number;
  readonly #timeZone: string;
  /** Insertion order is recency of use: a Map iterates oldest first, so the first key is evicted. */
  readonly #views = new Map<string, UserView>();

  readonly #saveAfter: number;
  readonly #saveMemoriesFrom: number;
  readonly #events: EventBus | undefined;

  /**
   * timeZone: the calendar memories' days are rendered on (memory.timeZone). saved.after: SAVE_VIEW_AFTER and
   * saved.memoriesFrom: SAVE_MEMORY_VIEW_FROM (tests lower them; Infinity: memory views neither saved nor loaded);
   * saved.events: where a saved view that could not be read or written is reported.
   */
  constructor(store: MemoryStore, bm25: Bm25Options, maxUsers: number, timeZone: string = UTC, saved: { after?: number; memoriesFrom?: number; events?: EventBus } = {}) {
    this.#saveAfter = saved.after ?? SAVE_VIEW_AFTER;
    this.#saveMemoriesFrom = saved.memoriesFrom ?? SAVE_MEMORY_VIEW_FROM;
    this.#events = saved.events;
    this.#store = store;
    this.#bm25 = bm25;
    this.#maxUsers = maxUsers;
    this.#timeZone = timeZone;
  }

  /**
   * scope 'memories': only the memories are brought up to date (the update phase ranks memories and has no use for
   * the turns; a later full refresh catches the turns up from wherever they were left).
   */
  async refresh(userId: string, scope: 'all' | 'memories' = 'all'): Promise<UserView> {
    // The user row's generation tells this user apart from a deleted one of the same id (deleted by this process
    // or another, e.g. `personavlm memory delete-user` while a server runs, even when an archive brought the id
    // back with its old creation time): a cached view must not outlive the data it was built from.
    const user = await this.#store.users.get(userId);
    const generation = user?.generation ?? null;
    const persons = await this.#store.persons.list(userId);
    const personNames = persons.flatMap((person) => (person.name ? [`${person.id}=${person.name}`] : [])).join('\n');
    let view = this.#views.get(userId);
    this.#views.delete(userId);
    // Turns are indexed once, by seq; a rename changed the image text of turns already indexed, so start over.
    if (view && (view.personNames !== personNames || view.generation !== generation)) view = undefined;
    if (!view) view = { turns: new TurnCorpus(this.#bm25), memories: new MemoryCorpus([]), personNames, generation, turnStamp: user?.turnStamp ?? 0, memoryStamp: -1, savedTurns: -1 };
    this.#views.set(userId, view);
    while (this.#views.size > this.#maxUsers) this.#views.delete(this.#views.keys().next().value!);
    // Both at once: while one waits for the saved view's file, the other's queries run.
    await Promise.all([scope === 'all' ? this.#catchUpTurns(userId, view, user) : undefined, this.#refreshMemories(userId, view, user)]);
    return view;
  }

  async #refreshMemories(userId: string, view: UserView, user: User | null): Promise<void> {
    // Every memory write advances the user's memory stamp (read with the user row first), so the memories are read
    // again only when one changed, in this process or another. Read after the stamp: nothing slips between.
    const memoryStamp = user?.memoryStamp ?? 0;
    if (memoryStamp === view.memoryStamp) return;
    // A cold process starts from the saved view, when there is one of this user state.
    const loaded = view.memoryStamp < 0 && user !== null && Number.isFinite(this.#saveMemoriesFrom) && (await this.#loadSavedMemories(userId, view));
    if (memoryStamp === view.memoryStamp) return;
    // A view that was read under a stamp takes only the memories written since (each row carries its write's stamp).
    if (view.memoryStamp >= 0) {
      const corpus = view.memories;
      const changes = await this.#store.memories.changes(userId, { types: INDEXED_TYPES, afterStamp: view.memoryStamp });
      // A saved view far behind is read again (and saved), so cold processes do not read the same changes forever.
      const stale = loaded && changes.changed.length > STALE_MEMORY_VIEW(corpus.size);
      if (!stale && corpus.apply(changes)) {
        view.memoryStamp = memoryStamp;
        if (corpus.derived.length > 0) await this.#storeIndexEntries(userId, corpus.derived);
        return;
      }
    }
    view.memories = await readMemoryCorpus(this.#store, userId, this.#timeZone);
    view.memoryStamp = memoryStamp;
    if (view.memories.derived.length > 0) await this.#storeIndexEntries(userId, view.memories.derived);
    if (user !== null && view.memories.size >= this.#saveMemoriesFrom) await this.#saveMemories(userId, view);
  }

  #memoryKey(view: UserView): string {
    return JSON.stringify({ format: MEMORY_SNAPSHOT_FORMAT, entries: indexEntryKey(this.#timeZone), generation: view.generation });
  }

  /** The saved memory view (true), when one of this user state loads; its stamp is the one it was read at. */
  async #loadSavedMemories(userId: string, view: UserView): Promise<boolean> {
    try {
      const saved = await this.#store.memoryViews.load(userId);
      const key = this.#memoryKey(view);
      if (!saved || saved.key !== key) return false;
      const restored = decodeMemorySnapshot(saved.data, key, userId, this.#timeZone);
      if (!restored) return false;
      view.memories = restored;
      view.memoryStamp = saved.memoryStamp;
      return true;
    } catch (error) {
      // A cache: one that does not read is read again from the memories (and saved again).
      this.#events?.warn('memory_view_unreadable', `The saved memory view of user "${userId}" could not be read (${String(error)}); it is read again from the memories.`, { userId });
      return false;
    }
  }

  /** Saves the view just built from a read, while the user's memories are still as the read found them. */
  async #saveMemories(userId: string, view: UserView): Promise<void> {
    const key = this.#memoryKey(view);
    const data = encodeMemorySnapshot(view.memories, key);
    await this.#store.memoryViews.save(userId, { key, memoryStamp: view.memoryStamp, data }).catch((error: unknown) => {
      this.#events?.warn('memory_view_not_saved', `The memory view of user "${userId}" could not be saved (${String(error)}); the next cold start reads the memories again.`, { userId });
    });
  }

  /** The index entries a build derived, stored with their memories so the next build (in any process) reads them. */
  async #storeIndexEntries(userId: string, derived: readonly DerivedIndexEntry[]): Promise<void> {
    // The recall is right without them: a failed write is reported, and the next build derives them again.
    await this.#store.memories.setIndexEntries(userId, derived).catch((error: unknown) => {
      this.#events?.warn('memory_index_not_saved', `The index entries of ${derived.length} memories of user "${userId}" could not be stored (${String(error)}); the next cold start derives them again.`, { userId });
    });
  }

  async #catchUpTurns(userId: string, view: UserView, user: User | null): Promise<void> {
    if (view.savedTurns < 0) await this.#loadSaved(userId, view);
    const indexedUpTo = view.turns.lastSeq;
    const sizeBefore = view.turns.size;
    // The user row says the newest seq: no new turns, no query (a committed turn_seq comes with its turns).
    while (user !== null && user.turnSeq > view.turns.lastSeq) {
      const page = await this.#store.turns.list(userId, { afterSeq: view.turns.lastSeq, order: 'asc', limit: PAGE });
      for (const turn of page) view.turns.add(turn);
      if (page.length < PAGE) break;
    }
    // A large catch-up (the first recall of a long history) leaves arrays up to twice their size: give it back.
    if (view.turns.size - sizeBefore >= COMPACT_AFTER) view.turns.compact();
    // Turns indexed earlier whose enrichment changed since (their photos' OCR and objects land after the turn's
    // transaction), by this process or another: read again. The stamp was read first, so nothing slips between.
    const turnStamp = user?.turnStamp ?? 0;
    if (turnStamp > view.turnStamp) {
      for (let afterSeq = 0; ;) {
        const changed = await this.#store.turns.list(userId, { changedAfter: view.turnStamp, afterSeq, beforeSeq: indexedUpTo + 1, order: 'asc', limit: PAGE });
        for (const turn of changed) view.turns.replace(turn);
        if (changed.length < PAGE) break;
        afterSeq = changed.at(-1)!.seq;
      }
      view.turnStamp = turnStamp;
    }
    // Saved when built with none saved before (however small: a photo's text takes the NLP model, ~0.25 s of a cold
    // process, to index again), then again every saveAfter turns.
    const unsaved = view.turns.size - view.savedTurns;
    if (user !== null && unsaved > 0 && (view.savedTurns === 0 || unsaved >= this.#saveAfter)) await this.#save(userId, view);
  }

  #key(view: UserView): Omit<ViewKey, 'turnStamp'> {
    return { format: VIEW_SNAPSHOT_FORMAT, generation: view.generation, names: createHash('sha256').update(view.personNames).digest('hex'), k1: this.#bm25.k1, b: this.#bm25.b };
  }

  /** The saved view, when it was saved from this user state (same user generation, person names, BM25 options). */
  async #loadSaved(userId: string, view: UserView): Promise<void> {
    view.savedTurns = 0;
    if (view.turns.size > 0 || view.generation === null) return;
    const saved = await this.#store.recallViews.load(userId);
    if (!saved) return;
    const wanted = JSON.stringify(this.#key(view));
    let key: ViewKey;
    try {
      key = JSON.parse(saved.key) as ViewKey;
    } catch {
      return;
    }
    const { turnStamp, ...rest } = key;
    if (JSON.stringify(rest) !== wanted || snapshotKey(saved.data) !== saved.key) return;
    // A snapshot that does not decode is rebuilt from the turns and saved again: it is a cache, the turns are the truth.
    try {
      view.turns = decodeView(saved.data, this.#bm25);
    } catch (error) {
      this.#events?.warn('recall_view_unreadable', `The saved recall view of user "${userId}" could not be read (${String(error)}); it is rebuilt from the turns.`, { userId });
      return;
    }
    view.turnStamp = turnStamp;
    view.savedTurns = view.turns.size;
  }

  async #save(userId: string, view: UserView): Promise<void> {
    const key = JSON.stringify({ ...this.#key(view), turnStamp: view.turnStamp } satisfies ViewKey);
    view.savedTurns = view.turns.size;
    // The recall is right without it: a save that fails (the user deleted meanwhile, a full disk) is reported, and
    // the next cold process builds the view from the turns again.
    await this.#store.recallViews.save(userId, { key, data: encodeView(view.turns, key) }).catch((error: unknown) => {
      this.#events?.warn('recall_view_not_saved', `The recall view of user "${userId}" could not be saved (${String(error)}); the next cold start rebuilds it from the turns.`, { userId });
    });
  }
}
