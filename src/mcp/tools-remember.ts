// `remember`: a turn of conversation (with images) or a fact the user states, into the user's memory. A turn
// goes through the update phase like any other; a fact is stored as it is, without a model call.
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { InvalidInputError, PayloadTooLargeError } from '../errors/index.ts';
import { decodeBase64Image } from '../memory/image-data.ts';
import type { ImageInput } from '../memory/inputs.ts';
import { MEMORY_TYPES } from '../memory/types.ts';
import type { McpContext } from './mcp-context.ts';
import { isoTime, timeOf } from './mcp-schemas.ts';

const imageSchema = z
  .object({
    data: z.string().min(1).optional().describe('The image bytes, base64 or as a data: URL'),
    path: z.string().min(1).optional().describe('A file on the machine the server runs on (the local stdio server only)'),
    caption: z.string().min(1).max(2000).optional().describe('Words describing the image, with or instead of its pixels'),
  })
  .strict();

const input = {
  kind: z.enum(['turn', 'fact']).optional().describe('"turn" (default): something said in the conversation, remembered through the update phase. "fact": a fact about the user stored as it is'),
  text: z.string().max(1_000_000).describe('What was said, or the fact ("Ana is allergic to peanuts")'),
  role: z.enum(['user', 'assistant']).optional().describe('Turns only: who said it (default user)'),
  at: isoTime.optional().describe('When it was said or became true (ISO 8601 with offset); default now'),
  images: z.array(imageSchema).max(16).optional().describe('Turns only: photos that came with it'),
  memoryType: z.enum(MEMORY_TYPES).optional().describe('Facts only: semantic (default), core (a profile field), procedural (a habit), episodic (an event)'),
  key: z.string().min(1).max(200).optional().describe('Facts only: the profile field ("name", "residence") or habit key'),
  keywords: z.array(z.string().min(1).max(200)).max(50).optional().describe('Facts only: words a search should find it by'),
};

type Args = { [K in keyof typeof input]: z.output<(typeof input)[K]> };
type ImageArg = z.output<typeof imageSchema>;

async function imageOf(context: McpContext, image: ImageArg, index: number): Promise<ImageInput> {
  const where = `images[${index}]`;
  const given = [image.data, image.path].filter((value) => value !== undefined).length;
  if (given === 0 && image.caption === undefined) throw new InvalidInputError(`${where} needs "data" (base64), "path" or "caption".`);
  if (given > 1) throw new InvalidInputError(`${where} gives both "data" and "path"; send one of them.`);
  const caption = image.caption === undefined ? {} : { caption: image.caption };
  if (image.data !== undefined) return { bytes: decodeBase64Image(image.data, `${where}.data`), ...caption };
  if (image.path === undefined) return caption;
  if (!context.readFiles) throw new InvalidInputError(`${where}.path: this server does not read files (it is not on your machine); send the image as base64 in "data".`);
  const path = resolve(image.path);
  const limit = context.persona.config.vision.maxImageBytes;
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new InvalidInputError(`${where}.path: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}); give the path of an image file on this machine.`, { cause: error });
  }
  if (size > limit) throw new PayloadTooLargeError(`The image ${path} in bytes`, size, limit, { setting: 'PERSONAVLM_MAX_IMAGE_BYTES (vision.maxImageBytes)' });
  return { bytes: new Uint8Array(await readFile(path)), path, ...caption };
}

function refuseMixed(args: Args): void {
  const misplaced = args.kind === 'fact' ? (['role', 'images'] as const).filter((name) => args[name] !== undefined) : (['memoryType', 'key', 'keywords'] as const).filter((name) => args[name] !== undefined);
  if (misplaced.length > 0) {
    const kind = args.kind === 'fact' ? 'a fact' : 'a turn';
    throw new InvalidInputError(`${misplaced.map((name) => `"${name}"`).join(', ')} ${misplaced.length === 1 ? 'does' : 'do'} not go with ${kind}; ${args.kind === 'fact' ? 'images and roles belong to turns (kind "turn")' : 'memoryType, key and keywords belong to facts (kind "fact")'}.`);
  }
}

export function registerRememberTool(server: McpServer, context: McpContext): void {
  const { persona, user } = context;
  server.registerTool(
    'remember',
    {
      title: 'Remember',
      description: 'Store something in the user\'s long-term memory: a turn of the conversation (text and photos; profile, habits, facts and personality are derived from it in the background) or a fact about the user, stored as given.',
      inputSchema: input,
    },
    context.guard('remember', async (args: Args) => {
      refuseMixed(args);
      const at = timeOf(args.at, 'at') ?? context.now();
      if (args.kind === 'fact') {
        if (args.text.trim() === '') throw new InvalidInputError('A fact needs its words in "text".');
        const memory = await persona.memories.add(user.internal, { type: args.memoryType ?? 'semantic', key: args.key ?? null, content: args.text, keywords: args.keywords ?? [], validFrom: at, detail: { source: 'mcp' } });
        return context.result({ memory }, `Remembered ${memory.type} memory ${memory.id}: ${memory.content}`);
      }
      const images = await Promise.all((args.images ?? []).map((image, index) => imageOf(context, image, index)));
      if (args.text.trim() === '' && images.length === 0) throw new InvalidInputError('A turn needs "text" or "images".');
      const { turn, rejectedImages } = await persona.recordTurn({ userId: user.internal, role: args.role ?? 'user', text: args.text, images, at });
      const dropped = rejectedImages.length > 0 ? ` ${rejectedImages.length} image(s) could not be read and were left out: ${rejectedImages.map((r) => r.reason).join('; ')}.` : '';
      return context.result({ turn, rejectedImages }, `Remembered turn ${turn.id} (${turn.role}, ${turn.at.toISOString()}, ${turn.images.length} image(s)).${dropped}`);
    }),
  );
}
