// Our neutral ChatMessage → the AI SDK's ModelMessage. Images become file parts that carry their bytes, so
// every provider sends them inline (OpenAI-compatible servers receive an image_url data URL).
import type { ModelMessage } from 'ai';
import { InvalidInputError } from '../errors/index.ts';
import type { ChatMessage } from './ports.ts';

export function toModelMessages(messages: ChatMessage[]): ModelMessage[] {
  return messages.map((message, index): ModelMessage => {
    const images = message.images ?? [];
    // Chat APIs take images in user messages only; dropping them silently would hide the bug that put them there.
    if (message.role !== 'user' && images.length > 0) {
      throw new InvalidInputError(`Message ${index} (${message.role}) carries images, but only user messages can. Put the images in a user message.`);
    }
    if (message.role === 'system') return { role: 'system', content: message.content };
    if (message.role === 'assistant') return { role: 'assistant', content: message.content };
    if (images.length === 0) return { role: 'user', content: message.content };
    return {
      role: 'user',
      content: [...images.map((image) => ({ type: 'file' as const, data: image.bytes, mediaType: image.mime })), { type: 'text' as const, text: message.content }],
    };
  });
}
