// Images attached to a turn: decoded and normalised before the turn's transaction (so a bad file cannot abort
// it), analysed after it (OCR and detectors are slow and must not hold the transaction open).
import { InvalidImageError, PersonaError } from '../errors/index.ts';
import type { ImageAnalysis, PhotoNote, TurnEnrichment } from '../memory/types.ts';
import { captionNote } from '../memory/photo-notes.ts';
import type { PreparedImage, RememberDeps } from './deps.ts';
import { readImageHeader } from './image-header.ts';
import { warnOnce } from './state.ts';
import type { ImageInput } from '../memory/inputs.ts';

export interface RejectedImage {
  index: number;
  path: string | null;
  reason: string;
}

export interface PreparedTurnImages {
  prepared: PreparedImage[];
  /** Every caption given, in order (search text and the turn's metadata). */
  captions: string[];
  /** One note per photo: the prepared images in order, then the images given only as a caption. */
  notes: PhotoNote[];
  rejected: RejectedImage[];
}

/** Without a vision module the bytes are kept as sent; format and size come from the header. */
function rawImage(bytes: Uint8Array): PreparedImage {
  const header = readImageHeader(bytes);
  if (!header) throw new InvalidImageError('The bytes are not a JPEG, PNG, GIF or WebP image (or its header is cut short).');
  return { bytes, ...header };
}

export async function prepareTurnImages(deps: RememberDeps, images: ImageInput[]): Promise<PreparedTurnImages> {
  const result: PreparedTurnImages = { prepared: [], captions: [], notes: [], rejected: [] };
  const captionOnly: PhotoNote[] = [];
  for (const [index, image] of images.entries()) {
    if (image.caption) result.captions.push(image.caption);
    if (!image.bytes) {
      if (image.caption) captionOnly.push(captionNote(image.caption));
      continue;
    }
    try {
      if (deps.vision) result.prepared.push(await deps.vision.prepare(image.bytes));
      else {
        warnOnce(deps, 'vision_unavailable', 'No vision module is configured: images are stored as sent, without OCR, objects or faces.');
        result.prepared.push(rawImage(image.bytes));
      }
      result.notes.push(captionNote(image.caption ?? null));
    } catch (error) {
      // Only "this file is not an image" is a per-image verdict; anything else (a broken decoder) must surface.
      if (!PersonaError.isInstance(error) || (error.code !== 'invalid_image' && error.code !== 'payload_too_large')) throw error;
      result.rejected.push({ index, path: image.path ?? null, reason: error.message });
      if (image.caption) captionOnly.push(captionNote(image.caption));
    }
  }
  result.notes.push(...captionOnly);
  return result;
}

/** The enrichment with image texts appended to its imageText, one per line. */
export function withImageText(enrichment: TurnEnrichment, texts: string[]): TurnEnrichment {
  const imageText = [enrichment.imageText, ...texts].map((t) => t.trim()).filter(Boolean).join('\n');
  return { ...enrichment, imageText };
}

/** Text an image contributes to search: OCR, caption, object labels, colours, and the names of recognised persons. */
export function imageAnalysisText(analysis: ImageAnalysis, personNames: Record<string, string> = {}): string {
  const people = [...new Set(analysis.faces.flatMap((face) => (face.personId && personNames[face.personId] ? [personNames[face.personId]!] : [])))];
  return [analysis.caption ?? '', analysis.ocrText, analysis.objects.map((o) => o.label).join(' '), analysis.colors.join(' '), people.join(' ')]
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' \n');
}
