// Our neutral ChatMessage → the AI SDK's ModelMessage. Images become file parts that carry their bytes, so
// every provider sends them inline (OpenAI-compatible servers receive an image_url data URL).
import type { ModelMessage } from 'ai';
import type { ChatMessage } from './ports.ts';

export function toModelMessages(messages: ChatMessage[]): ModelMessage[] {
  return messages.map((message): ModelMessage => {
    if (message.role === 'system') return { role: 'system', content: message.content };
    if (message.role === 'assistant') return { role: 'assistant', content: message.content };
    if (!message.images?.length) return { role: 'user', content: message.content };
    return {
      role: 'user',
      content: [
        ...message.images.map((image) => ({ type: 'file' as const, data: image.bytes, mediaType: image.mime })),
        { type: 'text' as const, text: message.content },
      ],
    };
  });
}
