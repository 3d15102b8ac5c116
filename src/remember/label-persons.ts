// Faces of a new image join the user's person clusters (vision/label-faces.ts). Read, assign and write happen in
// one transaction holding the user's row: two turns of the same user recorded at once would otherwise both read
// the same clusters and found the same "person-<n>" for two different people.
import type { ImageAnalysis } from '../memory/types.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import { labelFaces } from '../vision/index.ts';

export interface LabelledAnalysis {
  analysis: ImageAnalysis;
  /** Person id → name, for the persons the user has named. */
  personNames: Record<string, string>;
}

/** Stores the analysis of image `sha256`, its faces labelled with person ids, and the updated clusters. */
export async function storeLabelledAnalysis(store: MemoryStore, userId: string, sha256: string, analysis: ImageAnalysis): Promise<LabelledAnalysis> {
  if (!analysis.faces.some((face) => face.descriptor)) {
    await store.images.setAnalysis(userId, sha256, analysis);
    return { analysis, personNames: {} };
  }
  return store.transaction(async (tx) => {
    const persons = await tx.persons.list(userId, { lock: true });
    const before = new Map(persons.map((person) => [person.id, person.count]));
    const labelled = labelFaces(analysis, persons.map((person) => ({ personId: person.id, centroid: person.centroid, count: person.count })));
    const changed = labelled.clusters.filter((cluster) => before.get(cluster.personId) !== cluster.count);
    await tx.persons.upsertMany(userId, changed.map((cluster) => ({ id: cluster.personId, centroid: cluster.centroid, count: cluster.count })));
    await tx.images.setAnalysis(userId, sha256, labelled.analysis);
    return { analysis: labelled.analysis, personNames: namesOf(persons) };
  });
}

export function namesOf(persons: { id: string; name: string | null }[]): Record<string, string> {
  return Object.fromEntries(persons.flatMap((person) => (person.name ? [[person.id, person.name]] : [])));
}
