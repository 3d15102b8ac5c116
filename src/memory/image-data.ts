// Image bytes as text-only transports carry them (JSON bodies, MCP tool arguments): base64, plain or as a data:
// URL. Only the transport encoding is undone here; decoding and size/format checks stay in remember/vision.
import { InvalidInputError } from '../errors/index.ts';

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

export function decodeBase64Image(data: string, where: string): Uint8Array {
  const dataUrl = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(data);
  if (dataUrl && !dataUrl[2]) throw new InvalidInputError(`${where} is a data URL without ";base64"; send the bytes base64-encoded.`);
  const payload = dataUrl ? dataUrl[3]! : data;
  if (!BASE64.test(payload)) {
    const hint = /^https?:/.test(data) ? ' Image URLs are not fetched: send the bytes as a base64 data URL.' : '';
    throw new InvalidInputError(`${where} is not base64 image data.${hint}`);
  }
  return new Uint8Array(Buffer.from(payload, 'base64'));
}

