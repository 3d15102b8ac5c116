// Images for the vision tests and the benchmark, rendered here with sharp from SVG (no binary fixtures), and
// the public-domain / CC0 photographs of scikit-image's data folder when the Debian package is installed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

export async function renderText(lines: string[], width = 900): Promise<Uint8Array> {
  const height = 40 + lines.length * 70;
  const text = lines.map((line, index) => `<text x="30" y="${80 + index * 70}" font-family="DejaVu Sans, sans-serif" font-size="44" fill="#111">${line}</text>`).join('');
  return png(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${text}</svg>`);
}

/** A shape of one colour on a background, e.g. a red circle on white. */
export async function renderShape(color: string, background: string, shape: 'circle' | 'square' = 'circle'): Promise<Uint8Array> {
  const body = shape === 'circle' ? `<circle cx="200" cy="150" r="120" fill="${color}"/>` : `<rect x="90" y="40" width="220" height="220" fill="${color}"/>`;
  return png(`<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="100%" height="100%" fill="${background}"/>${body}</svg>`);
}

/** Any SVG markup as PNG bytes. */
export async function png(svg: string): Promise<Uint8Array> {
  return new Uint8Array(await sharp(Buffer.from(svg)).png().toBuffer());
}

/** 200×100 JPEG, left half red and right half blue, tagged EXIF orientation 6 (display rotated 90° clockwise). */
export async function rotatedExifJpeg(): Promise<Uint8Array> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="100" height="100" fill="#f00"/><rect x="100" width="100" height="100" fill="#00f"/></svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer());
}

const PHOTO_DIRS = [process.env.PERSONAVLM_PHOTO_DIR, '/usr/lib/python3/dist-packages/skimage/data'].filter((dir): dir is string => Boolean(dir));

/** Why photo tests skip: Debian's python3-skimage ships the photographs (astronaut, rocket: public domain; camera, chelsea, coffee: CC0). */
export const PHOTOS_MISSING = 'scikit-image sample photos not found: install the Debian package python3-skimage (apt-get install --no-install-recommends python3-skimage) or set PERSONAVLM_PHOTO_DIR to a folder with astronaut.png, chelsea.png, coffee.png';

/** The photograph's bytes, or null when the package is not installed. */
export function photo(name: 'astronaut.png' | 'camera.png' | 'chelsea.png' | 'coffee.png' | 'rocket.jpg'): Uint8Array | null {
  for (const dir of PHOTO_DIRS) {
    const path = join(dir, name);
    if (existsSync(path)) return new Uint8Array(readFileSync(path));
  }
  return null;
}
