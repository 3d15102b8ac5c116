// Intake of an image: validate, bound, EXIF-rotate, normalize and fingerprint it before anything stores it.
import { createHash } from 'node:crypto';
import { sharp } from './sharp.ts';
import type { Metadata, Sharp } from 'sharp';
import { InvalidImageError, PayloadTooLargeError } from '../errors/index.ts';
import { SUPPORTED_FORMATS_TEXT, formatRule } from './image-formats.ts';
import { VISION_TUNING } from './tuning.ts';

export interface ImageLimits {
  maxBytes: number;
  maxPixels: number;
}

export interface PreparedImage {
  /** The bytes to store: the input itself when it is already upright JPEG/PNG/WebP, else a re-encoding. */
  bytes: Uint8Array;
  sha256: string;
  mime: string;
  width: number;
  height: number;
  /** JPEG, at most 256×256, for listings and the inspector. */
  thumbnail: Uint8Array;
}

export async function prepareImage(bytes: Uint8Array, limits: ImageLimits): Promise<PreparedImage> {
  if (bytes.byteLength > limits.maxBytes) throw new PayloadTooLargeError('image size in bytes', bytes.byteLength, limits.maxBytes, { setting: 'PERSONAVLM_MAX_IMAGE_BYTES (vision.maxImageBytes)' });
  const metadata = await readMetadata(bytes);
  const rule = formatRule(metadata.format);
  if (rule === undefined) throw unsupported(`its format is ${metadata.format ?? 'unknown'}`);
  const width = metadata.width;
  const height = metadata.pageHeight ?? metadata.height;
  if (width * height > limits.maxPixels) throw new PayloadTooLargeError('image size in pixels', width * height, limits.maxPixels, { setting: 'PERSONAVLM_MAX_PIXELS (vision.maxPixels)' });

  // Orientations 2–8 are mirror/rotations that viewers apply and models do not: apply them to the pixels.
  const needsRotation = (metadata.orientation ?? 1) > 1;
  const upright = needsRotation && (metadata.orientation ?? 1) >= 5 ? { width: height, height: width } : { width, height };
  const mime = rule.keep ? rule.mime : metadata.hasAlpha ? 'image/png' : rule.mime;
  // Animations (GIF, animated WebP) keep their first frame only: a memory is a picture, not a clip.
  const animated = (metadata.pages ?? 1) > 1;
  const stored = rule.keep && !needsRotation && !animated ? bytes : await reencode(bytes, mime, limits.maxPixels);
  // The thumbnail decodes every pixel, which is what catches truncated or corrupt data past the header.
  const thumbnail = await decodeStep(() =>
    pipeline(stored, limits.maxPixels)
      .resize(VISION_TUNING.thumbnailSide, VISION_TUNING.thumbnailSide, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toBuffer(),
  );
  return {
    bytes: stored,
    sha256: createHash('sha256').update(stored).digest('hex'),
    mime,
    width: upright.width,
    height: upright.height,
    thumbnail: new Uint8Array(thumbnail),
  };
}

function pipeline(bytes: Uint8Array, maxPixels: number): Sharp {
  // failOn 'truncated': cut-off files are rejected, benign encoder warnings (common in phone JPEGs) are not.
  return sharp(bytes, { failOn: 'truncated', limitInputPixels: maxPixels, pages: 1 });
}

async function reencode(bytes: Uint8Array, mime: string, maxPixels: number): Promise<Uint8Array> {
  const rotated = pipeline(bytes, maxPixels).rotate();
  const encoded = await decodeStep(() => {
    if (mime === 'image/png') return rotated.png().toBuffer();
    if (mime === 'image/webp') return rotated.webp({ quality: 90 }).toBuffer();
    return rotated.jpeg({ quality: 90 }).toBuffer();
  });
  return new Uint8Array(encoded);
}

async function readMetadata(bytes: Uint8Array): Promise<Metadata> {
  return decodeStep(() => sharp(bytes, { pages: 1 }).metadata());
}

async function decodeStep<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof InvalidImageError || error instanceof PayloadTooLargeError) throw error;
    throw unsupported(`it could not be decoded (${error instanceof Error ? error.message : String(error)})`, error);
  }
}

function unsupported(why: string, cause?: unknown): InvalidImageError {
  return new InvalidImageError(`The file is not a usable image: ${why}. Send one of: ${SUPPORTED_FORMATS_TEXT}.`, {
    cause,
    details: { supportedFormats: SUPPORTED_FORMATS_TEXT },
  });
}
