// Images as requests carry them: base64 (plain or a data: URL) in JSON, or files in multipart/form-data.
// Decoding and size/format checks stay in remember/vision; here only the transport encoding is undone.
import { z } from 'zod';

import { InvalidInputError } from '../errors/index.ts';
import type { ImageInput } from '../memory/inputs.ts';
import { decodeBase64Image } from '../memory/image-data.ts';

export const imageJsonSchema = z
  .object({
    /** base64 bytes, or a data URL ("data:image/png;base64,…"). */
    data: z.string().min(1).optional(),
    /** Words for an image whose pixels are not sent (or to add to them). */
    caption: z.string().max(2000).optional(),
  })
  .strict()
  .refine((image) => image.data !== undefined || image.caption !== undefined, 'an image needs data (base64) or a caption');

export function imagesFromJson(images: Array<z.output<typeof imageJsonSchema>> | undefined): ImageInput[] {
  return (images ?? []).map((image, index) => ({
    ...(image.data !== undefined ? { bytes: decodeBase64Image(image.data, `images[${index}].data`) } : {}),
    ...(image.caption !== undefined ? { caption: image.caption } : {}),
  }));
}

/** Files sent as multipart fields named "images" (or "image"). */
export async function imagesFromForm(form: Record<string, string | File | Array<string | File>>): Promise<ImageInput[]> {
  const fields = [form.images, form.image].flatMap((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));
  const images: ImageInput[] = [];
  for (const field of fields) {
    if (typeof field === 'string') throw new InvalidInputError('The multipart field "images" must hold files, not text.');
    images.push({ bytes: new Uint8Array(await field.arrayBuffer()), path: field.name });
  }
  return images;
}
