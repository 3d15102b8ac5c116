import type { ChatMessage } from '../model/ports.ts';

/** Merges more content (and images) into the last user message: one-shot and single-round calls have one. */
export function appendToLastUser(messages: ChatMessage[], content: string, images: ChatMessage['images'] = []): ChatMessage[] {
  const last = messages.at(-1);
  if (!last || last.role !== 'user') return [...messages, { role: 'user', content, ...(images.length > 0 ? { images } : {}) }];
  const merged = [...(last.images ?? []), ...images];
  return [...messages.slice(0, -1), { role: 'user', content: `${last.content}\n\n${content}`, ...(merged.length > 0 ? { images: merged } : {}) }];
}
