// Naming a person: the name becomes searchable in every turn whose photos show them. A turn's image text is
// written once, when the turn is recorded, so the turns that show the person get it rewritten here; the
// retriever's per-user view notices the changed names and re-indexes (retrieval/user-view.ts).
import type { Person, StoredImage, Turn } from '../memory/types.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import { namesOf } from './label-persons.ts';
import { imageAnalysisText, withImageText } from './turn-images.ts';
import { analysedNote, captionsOf } from '../memory/photo-notes.ts';

export interface NamePersonReport {
  person: Person;
  /** Turns whose image text now carries the new name (or lost the old one). */
  turnIds: string[];
}

/** name null unnames the person. Throws NotFoundError for an unknown person id. */
export async function namePerson(store: MemoryStore, userId: string, personId: string, name: string | null): Promise<NamePersonReport> {
  return store.transaction(async (tx) => {
    // The user's row first, as clustering takes it: the same lock order in both never deadlocks.
    await tx.persons.list(userId, { lock: true });
    const person = await tx.persons.rename(userId, personId, name);
    const names = namesOf(await tx.persons.list(userId));
    const images = new Map((await tx.images.list(userId)).map((image) => [image.sha256, image]));
    const showing = new Set([...images.values()].filter((image) => image.analysis?.faces.some((face) => face.personId === personId)).map((image) => image.sha256));
    const turnIds: string[] = [];
    if (showing.size === 0) return { person, turnIds };
    for (const turn of await tx.turns.list(userId, { order: 'asc' })) {
      if (!turn.enrichment || !turn.images.some((sha) => showing.has(sha))) continue;
      const photos = turn.enrichment.photos?.map((note, index) => {
        const analysis = index < turn.images.length ? images.get(turn.images[index]!)?.analysis : undefined;
        return analysis ? analysedNote(note.caption, analysis, names) : note;
      });
      await tx.turns.setEnrichment(userId, turn.id, { ...withImageText({ ...turn.enrichment, imageText: '' }, imageTexts(turn, images, names)), ...(photos ? { photos } : {}) });
      turnIds.push(turn.id);
    }
    return { person, turnIds };
  });
}

/** The same image text recordTurn writes: the captions, then each analysed image's words. */
function imageTexts(turn: Turn, images: Map<string, StoredImage>, names: Record<string, string>): string[] {
  const texts = captionsOf(turn);
  for (const sha of turn.images) {
    const analysis = images.get(sha)?.analysis;
    if (analysis) texts.push(imageAnalysisText(analysis, names));
  }
  return texts;
}
