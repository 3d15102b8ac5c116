// Clustering of face descriptors into per-user person identities. Pure: the caller persists the clusters.
// Online, centroid-based: each face joins the most similar existing person above the threshold or founds a
// new one. Faces of one image are matched jointly (best pairs first) so two faces in the same photo never
// become the same person. Ids of existing persons never change; new ids continue the user's sequence.
import { dot } from '../model/vector-math.ts';
import { VISION_TUNING } from './tuning.ts';

export interface PersonCluster {
  personId: string;
  /** Unit-length mean of the member descriptors. */
  centroid: number[];
  /** How many faces were merged into it (weights the running mean). */
  count: number;
}

export interface PersonAssignment {
  /** One person id per input descriptor, in input order. */
  personIds: string[];
  /** Every cluster after the assignment: the existing ones (updated) followed by the new ones. */
  clusters: PersonCluster[];
}

export function assignPersons(existingClusters: PersonCluster[], newDescriptors: number[][], threshold: number = VISION_TUNING.personThreshold): PersonAssignment {
  const clusters = existingClusters.map((cluster) => ({ ...cluster, centroid: [...cluster.centroid] }));
  const descriptors = newDescriptors.map(unit);
  const pairs: Array<{ face: number; cluster: number; similarity: number }> = [];
  descriptors.forEach((descriptor, face) =>
    clusters.forEach((cluster, index) => {
      const similarity = dot(descriptor, cluster.centroid);
      if (similarity >= threshold) pairs.push({ face, cluster: index, similarity });
    }),
  );
  pairs.sort((a, b) => b.similarity - a.similarity || a.face - b.face || a.cluster - b.cluster);
  const personIds = new Array<string | undefined>(descriptors.length);
  const taken = new Set<number>();
  for (const pair of pairs) {
    if (personIds[pair.face] !== undefined || taken.has(pair.cluster)) continue;
    personIds[pair.face] = clusters[pair.cluster]!.personId;
    taken.add(pair.cluster);
    merge(clusters[pair.cluster]!, descriptors[pair.face]!);
  }
  let next = nextSequence(existingClusters);
  descriptors.forEach((descriptor, face) => {
    if (personIds[face] !== undefined) return;
    const personId = `person-${next}`;
    next += 1;
    personIds[face] = personId;
    clusters.push({ personId, centroid: descriptor, count: 1 });
  });
  return { personIds: personIds as string[], clusters };
}

function merge(cluster: PersonCluster, descriptor: number[]): void {
  const mean = cluster.centroid.map((value, index) => value * cluster.count + descriptor[index]!);
  cluster.centroid = unit(mean);
  cluster.count += 1;
}

function nextSequence(clusters: PersonCluster[]): number {
  let highest = 0;
  for (const cluster of clusters) {
    const match = /^person-(\d+)$/.exec(cluster.personId);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest + 1;
}

function unit(vector: number[]): number[] {
  const norm = Math.sqrt(dot(vector, vector));
  if (norm === 0) throw new RangeError('a face descriptor of all zeros cannot be clustered');
  return vector.map((value) => value / norm);
}
