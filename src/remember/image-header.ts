// Format and size from an image's header, for when no vision module is configured: enough to store the bytes
// honestly (the store requires real dimensions) without decoding pixels. Returns null for anything else.
export interface ImageHeader {
  mime: string;
  width: number;
  height: number;
}

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    i += 2 + u16be(b, i + 2);
  }
  return null;
}

function webpSize(b: Uint8Array): { width: number; height: number } | null {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ' && b.length >= 30) return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X' && b.length >= 30) return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  return null;
}

export function readImageHeader(b: Uint8Array): ImageHeader | null {
  let size: { width: number; height: number } | null = null;
  let mime = '';
  if (b.length >= 24 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG') [mime, size] = ['image/png', { width: u32be(b, 16), height: u32be(b, 20) }];
  else if (b.length >= 10 && ascii(b, 0, 4) === 'GIF8') [mime, size] = ['image/gif', { width: u16le(b, 6), height: u16le(b, 8) }];
  else if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) [mime, size] = ['image/jpeg', jpegSize(b)];
  else if (b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') [mime, size] = ['image/webp', webpSize(b)];
  return size && size.width > 0 && size.height > 0 ? { mime, ...size } : null;
}
