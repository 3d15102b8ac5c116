// After the turn's transaction: each image is embedded whole, analysed (OCR, objects, faces), its object crops
// kept with their own vectors, its faces clustered into the user's persons, and the words it yields added to
// the turn's search text. Every step here is best effort: a failure is a warning, never a lost turn.
import { PersonaError } from '../errors/index.ts';
import type { Turn } from '../memory/types.ts';
import type { PreparedImage, RememberDeps } from './deps.ts';
import { keepObjectCrops, storeImageVector } from './image-vectors.ts';
import { storeLabelledAnalysis } from './label-persons.ts';
import { imageAnalysisText, withImageText } from './turn-images.ts';
import { analysedNote } from '../memory/photo-notes.ts';

export async function analyseImages(deps: RememberDeps, turn: Turn, prepared: PreparedImage[]): Promise<Turn> {
  const texts: string[] = [];
  const photos = [...(turn.enrichment?.photos ?? [])];
  for (const [index, image] of prepared.entries()) {
    const sha256 = turn.images[index]!;
    await embedOrWarn(deps, turn, sha256, () => storeImageVector(deps, turn.userId, sha256, image));
    if (!deps.vision) continue;
    try {
      let analysis = await deps.vision.analyze(image);
      const plain = analysis;
      await embedOrWarn(deps, turn, sha256, async () => {
        analysis = await keepObjectCrops(deps, turn.userId, image.bytes, plain);
      });
      const labelled = await storeLabelledAnalysis(deps.store, turn.userId, sha256, analysis);
      texts.push(imageAnalysisText(labelled.analysis, labelled.personNames));
      photos[index] = analysedNote(photos[index]?.caption ?? null, labelled.analysis, labelled.personNames);
    } catch (error) {
      // The turn is stored and searchable by its text; a failed analyzer only loses image-derived words.
      deps.events.warn('image_analysis_failed', `Analysing image ${sha256} of turn ${turn.id} failed: ${String(error)}`, { turnId: turn.id, sha256 });
    }
  }
  if (texts.length === 0 || !turn.enrichment) return turn;
  const enrichment = { ...withImageText(turn.enrichment, texts), photos };
  try {
    await deps.store.turns.setEnrichment(turn.userId, turn.id, enrichment);
  } catch (error) {
    // Forgotten or deleted (delete-user) while its images were read: nothing is written back, nothing re-created.
    if (!PersonaError.isInstance(error) || error.code !== 'not_found') throw error;
    deps.events.warn('turn_deleted', `Turn ${turn.id} was deleted while its images were analysed; their words were not kept.`, { turnId: turn.id });
    return turn;
  }
  return { ...turn, enrichment };
}

async function embedOrWarn(deps: RememberDeps, turn: Turn, sha256: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    // Text and time search still find the turn; only "find this photo / this object by a photo" loses it.
    deps.events.warn('image_embedding_failed', `Embedding image ${sha256} (or its object crops) of turn ${turn.id} failed: ${String(error)}`, { turnId: turn.id, sha256 });
  }
}
