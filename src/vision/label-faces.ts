// Gives each face of an analysis its person id, using (and returning) the user's person clusters. Pure.
import type { ImageAnalysis } from '../memory/types.ts';
import { assignPersons, type PersonCluster } from './assign-persons.ts';
import { VISION_TUNING } from './tuning.ts';

export function labelFaces(analysis: ImageAnalysis, clusters: PersonCluster[], threshold: number = VISION_TUNING.personThreshold): { analysis: ImageAnalysis; clusters: PersonCluster[] } {
  const described = analysis.faces.flatMap((face, index) => (face.descriptor ? [{ index, descriptor: face.descriptor }] : []));
  const assignment = assignPersons(clusters, described.map((face) => face.descriptor), threshold);
  const faces = analysis.faces.map((face) => ({ ...face }));
  described.forEach((face, order) => {
    faces[face.index]!.personId = assignment.personIds[order]!;
  });
  return { analysis: { ...analysis, faces }, clusters: assignment.clusters };
}
