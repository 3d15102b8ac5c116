// The words an image contributes to text search: caption, text read in it, coloured object labels
// ("red mouse"), overall colours and the names of the people recognised in it.
import type { ImageAnalysis } from '../memory/types.ts';

export interface ImageSearchTextOptions {
  /** Names the user gave to person ids ("person-3" → "Alice"); unnamed persons add nothing. */
  personNames?: Record<string, string>;
}

export function imageSearchText(analysis: ImageAnalysis, options: ImageSearchTextOptions = {}): string {
  const objects = unique(analysis.objects.map((object) => (object.colors[0] ? `${object.colors[0]} ${object.label}` : object.label)));
  const people = unique(
    analysis.faces.flatMap((face) => {
      const name = face.personId === null ? undefined : options.personNames?.[face.personId];
      return name ? [name] : [];
    }),
  );
  return [analysis.caption ?? '', analysis.ocrText.replace(/\s+/g, ' ').trim(), objects.join(', '), unique(analysis.colors).join(', '), people.join(', ')]
    .filter((part) => part.length > 0)
    .join('\n');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
