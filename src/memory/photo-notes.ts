// How a turn's photos read wherever a turn is shown to a model or a person: the per-turn and session prompts,
// the reasoning prompt's recent conversation and input, and recalled dialogue. One note per photo with what it
// holds — its caption, the text read in it, its objects, who is in it — so a model that never sees the pixels
// (or sees them once, in another call) still knows "the receipt" says "Matcha latte 4.50".
import type { ImageAnalysis, PhotoNote, Turn } from './types.ts';

/** Longest OCR text a note carries: a photo of a page must not crowd out the conversation. */
const TEXT_LIMIT = 300;

export function captionNote(caption: string | null): PhotoNote {
  return { caption, text: '', objects: [], people: [] };
}

/** A stored photo's note once analysed; personNames maps person ids to the names the user gave them. */
export function analysedNote(caption: string | null, analysis: ImageAnalysis, personNames: Readonly<Record<string, string>>): PhotoNote {
  const objects = [...new Set(analysis.objects.map((object) => (object.colors[0] ? `${object.colors[0]} ${object.label}` : object.label)))];
  const people = [...new Set(analysis.faces.flatMap((face) => (face.personId ? [personNames[face.personId] ?? face.personId] : [])))];
  return { caption: caption ?? analysis.caption, text: analysis.ocrText.replace(/\s+/g, ' ').trim(), objects, people };
}

/** The captions the turn's images came with (metadata.imageCaptions). */
export function captionsOf(turn: Pick<Turn, 'metadata'>): string[] {
  const captions = turn.metadata['imageCaptions'];
  return Array.isArray(captions) ? captions.filter((caption): caption is string => typeof caption === 'string') : [];
}

/** The turn's photo notes; turns stored before notes existed get one per caption, else their image search text. */
export function photoNotesOf(turn: Pick<Turn, 'enrichment' | 'metadata'>): PhotoNote[] {
  if (turn.enrichment?.photos) return turn.enrichment.photos;
  const captions = captionsOf(turn);
  if (captions.length > 0) return captions.map(captionNote);
  const imageText = turn.enrichment?.imageText.replace(/\s+/g, ' ').trim() ?? '';
  return imageText ? [{ ...captionNote(null), text: imageText }] : [];
}

/** 'a receipt | text: "BLUE FERN CAFE Matcha latte 4.50" | objects: cup | people: Inês'; '' when nothing is known. */
export function formatPhotoNote(note: PhotoNote): string {
  const text = note.text.length > TEXT_LIMIT ? `${note.text.slice(0, TEXT_LIMIT)}…` : note.text;
  return [
    note.caption ?? '',
    text ? `text: "${text}"` : '',
    note.objects.length > 0 ? `objects: ${note.objects.join(', ')}` : '',
    note.people.length > 0 ? `people: ${note.people.join(', ')}` : '',
  ].filter(Boolean).join(' | ');
}

/** Every photo of the turn as text, in order; a photo nothing is known about reads "no description". */
export function describePhotos(turn: Pick<Turn, 'enrichment' | 'metadata' | 'images'>): string[] {
  const notes = photoNotesOf(turn);
  const described = notes.map((note) => formatPhotoNote(note) || 'no description');
  // Stored images the notes do not cover (stored before notes existed): still say a photo was there.
  for (let index = notes.length; index < turn.images.length; index += 1) described.push('no description');
  return described;
}
