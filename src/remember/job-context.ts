// Shared reads of the update jobs: turns as the prompts show them, images as the model receives them.
import type { PersonaEvent } from '../memory/events.ts';
import type { Turn } from '../memory/types.ts';
import type { ChatImage } from '../model/ports.ts';
import type { PromptTurn } from '../prompts/remember-format.ts';
import type { MemoryStore } from '../store/memory-store.ts';

export function promptTurn(turn: Turn): PromptTurn {
  const captions = Array.isArray(turn.metadata.imageCaptions) ? (turn.metadata.imageCaptions as unknown[]).map(String) : [];
  return { role: turn.role, speaker: turn.speaker, text: turn.text, at: turn.at, imageNotes: captions };
}

export interface LoadedImages {
  images: ChatImage[];
  sizes: { width: number; height: number }[];
  /** Per image, the persons whose faces were recognised in it: "Alice (person-1)", or the bare id when unnamed. */
  people: string[][];
}

export async function loadTurnImages(store: MemoryStore, turn: Turn): Promise<LoadedImages> {
  const loaded: LoadedImages = { images: [], sizes: [], people: [] };
  let names: Map<string, string | null> | null = null;
  for (const sha256 of turn.images) {
    const meta = await store.images.get(turn.userId, sha256);
    if (!meta) continue;
    loaded.images.push({ bytes: await store.images.readBytes(turn.userId, sha256), mime: meta.mime });
    loaded.sizes.push({ width: meta.width, height: meta.height });
    const ids = [...new Set((meta.analysis?.faces ?? []).flatMap((face) => (face.personId ? [face.personId] : [])))];
    if (ids.length > 0 && names === null) names = new Map((await store.persons.list(turn.userId)).map((person) => [person.id, person.name]));
    loaded.people.push(ids.map((id) => (names?.get(id) ? `${names.get(id)} (${id})` : id)));
  }
  return loaded;
}

/** What a job hands back after its model call(s): the writes, run inside the job's completing transaction. */
export interface JobPlan {
  apply(store: MemoryStore): Promise<JobOutcome>;
}

export interface JobOutcome {
  /** Memories written by the job (added or replacing an older version), for embedding and events. */
  written: string[];
  superseded: string[];
  /** Memories ended without a replacement (procedural entries the session dropped). */
  retired: string[];
  /** Emitted only after the transaction commits, so a rolled-back job announces nothing. */
  events: PersonaEvent[];
}

export const NOTHING_TO_DO: JobPlan = { apply: async () => emptyOutcome() };

export function emptyOutcome(): JobOutcome {
  return { written: [], superseded: [], retired: [], events: [] };
}
