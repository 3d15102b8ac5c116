// Shared reads of the update jobs: turns as the prompts show them, images as the model receives them.
import type { PersonaEvent } from '../memory/events.ts';
import type { Turn } from '../memory/types.ts';
import type { ChatImage } from '../model/ports.ts';
import type { PromptTurn } from '../prompts/remember-format.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import { describePhotos } from '../memory/photo-notes.ts';

/**
 * The turn as the remember prompts show it, each photo described on its line; imageNumbers[i] is the prompt's
 * number of the turn's i-th stored image when its pixels are attached (null or absent: described only).
 */
export function promptTurn(turn: Turn, imageNumbers: readonly (number | null)[] = []): PromptTurn {
  const photos = describePhotos(turn).map((note, index) => {
    const image = imageNumbers[index];
    return image == null ? { note } : { note, image };
  });
  return { role: turn.role, speaker: turn.speaker, text: turn.text, at: turn.at, ...(photos.length > 0 ? { photos } : {}) };
}

export interface LoadedImages {
  images: ChatImage[];
  sizes: { width: number; height: number }[];
  /** Per image, the persons whose faces were recognised in it: "Alice (person-1)", or the bare id when unnamed. */
  people: string[][];
  /** Per stored image of the turn, its 1-based number among `images` (null: not in the store any more). */
  numbers: (number | null)[];
}

/** The turn's stored images, numbered from firstNumber on (so several turns' images can share one prompt). */
export async function loadTurnImages(store: MemoryStore, turn: Turn, firstNumber = 1, max = Number.POSITIVE_INFINITY): Promise<LoadedImages> {
  const loaded: LoadedImages = { images: [], sizes: [], people: [], numbers: [] };
  let names: Map<string, string | null> | null = null;
  for (const sha256 of turn.images) {
    const meta = loaded.images.length < max ? await store.images.get(turn.userId, sha256) : null;
    loaded.numbers.push(meta ? firstNumber + loaded.images.length : null);
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
