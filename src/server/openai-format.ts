// The OpenAI chat-completions request as the proxy reads it: lenient about every field it does not use (OpenAI
// clients send many, and they go upstream untouched), strict about the few it does. The conversation the client
// sent becomes turns to remember: user and assistant text with the images carried as data URLs.
import { z } from 'zod';
import { InvalidInputError } from '../errors/index.ts';
import type { ImageInput } from '../memory/inputs.ts';
import type { ConversationMessage } from '../remember/index.ts';
import { decodeBase64Image } from '../memory/image-data.ts';

const part = z.union([
  z.looseObject({ type: z.literal('text'), text: z.string() }),
  z.looseObject({ type: z.literal('image_url'), image_url: z.union([z.string(), z.looseObject({ url: z.string() })]) }),
  z.looseObject({ type: z.string() }),
]);

export const completionRequestSchema = z.looseObject({
  model: z.string().min(1).optional(),
  messages: z.array(z.looseObject({ role: z.string(), content: z.union([z.string(), z.array(part), z.null()]).optional() })).min(1),
  user: z.string().optional(),
  stream: z.boolean().optional(),
});

export type CompletionRequest = z.output<typeof completionRequestSchema>;
export type CompletionMessage = CompletionRequest['messages'][number];

/** Instructions, not conversation: never stored, and where the memory block goes after. */
export const isInstruction = (message: CompletionMessage): boolean => message.role === 'system' || message.role === 'developer';

function messageOf(message: CompletionMessage, position: number): ConversationMessage | null {
  if (message.role !== 'user' && message.role !== 'assistant') return null; // tool results are not the user's words
  if (typeof message.content === 'string' || message.content == null) return { role: message.role, text: message.content ?? '' };
  const texts: string[] = [];
  const images: ImageInput[] = [];
  const imageRefs: string[] = [];
  for (const [index, item] of message.content.entries()) {
    if (item.type === 'text') texts.push(String(item.text));
    else if (item.type === 'image_url') {
      const ref = item.image_url as string | { url: string };
      const url = typeof ref === 'string' ? ref : ref.url;
      // A remote image goes upstream as it is (the endpoint fetches it); it is not fetched or stored here.
      if (/^https?:\/\//i.test(url)) imageRefs.push(url);
      else images.push({ bytes: decodeBase64Image(url, `messages[${position}].content[${index}].image_url`) });
    }
    // Other parts (audio, files) go upstream untouched; the memory keeps the message's words and images.
  }
  return { role: message.role, text: texts.join('\n'), images, ...(imageRefs.length > 0 ? { imageRefs, metadata: { imageUrls: imageRefs } } : {}) };
}

/** The user and assistant messages with words or images, in order. */
export function conversationOf(request: CompletionRequest): ConversationMessage[] {
  const messages = request.messages.flatMap((message, position) => messageOf(message, position) ?? []);
  if (!messages.some((message) => message.role === 'user')) {
    throw new InvalidInputError('messages must contain a message with role "user": it is what the model answers and the memory is searched for.');
  }
  return messages;
}

/** The answer's text in a chat.completion body (null when it holds only tool calls or is not one). */
export function answerOf(body: unknown): string | null {
  const content = (body as { choices?: Array<{ message?: { content?: unknown } }> } | null)?.choices?.[0]?.message?.content;
  return typeof content === 'string' && content.trim() !== '' ? content : null;
}
