// A minimal ustar writer for the export download: the store's export is a directory, and a tar is the honest
// one-file form of it (`tar -xf` gives back exactly what `personavlm memory import` reads). Names are short
// ("images/<sha256>", "<table>.jsonl"), so plain ustar headers suffice; longer ones are refused.
import { InvalidInputError } from '../errors/index.ts';

const BLOCK = 512;

function octal(value: number, length: number): string {
  return value.toString(8).padStart(length - 1, '0') + '\0';
}

export function tarHeader(name: string, size: number, mtime: Date): Uint8Array {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new InvalidInputError(`Cannot put "${name}" in a ustar archive: names are limited to 100 bytes.`);
  const header = Buffer.alloc(BLOCK, 0);
  nameBytes.copy(header, 0);
  header.write(octal(0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(size, 12), 124, 'ascii');
  header.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write('0', 156, 'ascii');
  header.write('ustar\0' + '00', 257, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(octal(sum, 7) + ' ', 148, 'ascii');
  return new Uint8Array(header);
}

export const tarPadding = (size: number): Uint8Array => new Uint8Array((BLOCK - (size % BLOCK)) % BLOCK);

/** Two zero blocks end an archive. */
export const tarEnd = (): Uint8Array => new Uint8Array(BLOCK * 2);
