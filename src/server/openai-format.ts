// The OpenAI chat-completions wire format, both ways: requests in (lenient about fields we do not use, as
// OpenAI clients send many), responses and stream chunks out.
import { z } from 'zod';
import type { ChatOutcome } from '../agent/chat.ts';
import { InvalidInputError } from '../errors/index.ts';
import { decodeBase64Image } from './images.ts';
import type { ImageInput } from '../memory/inputs.ts';

const part = z.union([
  z.looseObject({ type: z.literal('text'), text: z.string() }),
  z.looseObject({ type: z.literal('image_url'), image_url: z.union([z.string(), z.looseObject({ url: z.string() })]) }),
  z.looseObject({ type: z.string() }),
]);

export const completionRequestSchema = z.looseObject({
  model: z.string().optional(),
  messages: z.array(z.looseObject({ role: z.string(), content: z.union([z.string(), z.array(part), z.null()]).optional() })).min(1),
  user: z.string().optional(),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
});

export type CompletionRequest = z.output<typeof completionRequestSchema>;

/** The last user message, as text and images: the memory already holds the conversation before it. */
export function lastUserMessage(request: CompletionRequest): { text: string; images: ImageInput[] } {
  const message = request.messages.findLast((m) => m.role === 'user');
  if (!message) throw new InvalidInputError('messages must contain a message with role "user"; it is the one answered and remembered.');
  if (typeof message.content === 'string') return { text: message.content, images: [] };
  const texts: string[] = [];
  const images: ImageInput[] = [];
  for (const [index, item] of (message.content ?? []).entries()) {
    if (item.type === 'text') texts.push(String(item.text));
    else if (item.type === 'image_url') {
      const ref = item.image_url as string | { url: string };
      images.push({ bytes: decodeBase64Image(typeof ref === 'string' ? ref : ref.url, `the image_url of content part ${index}`) });
    } else throw new InvalidInputError(`Content part ${index} has type "${item.type}"; only "text" and "image_url" (data URLs) are supported.`);
  }
  return { text: texts.join('\n'), images };
}

export interface CompletionIds {
  id: string;
  created: number;
  model: string;
}

const usageOf = (outcome: ChatOutcome) => ({
  prompt_tokens: outcome.usage.inputTokens,
  completion_tokens: outcome.usage.outputTokens,
  total_tokens: outcome.usage.inputTokens + outcome.usage.outputTokens,
});

export function completion(ids: CompletionIds, outcome: ChatOutcome) {
  return {
    ...ids,
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content: outcome.answer }, finish_reason: 'stop', logprobs: null }],
    usage: usageOf(outcome),
  };
}

/** The last chunk when the client asked for stream_options.include_usage, as OpenAI sends it: no choices. */
export const usageChunk = (ids: CompletionIds, outcome: ChatOutcome) => ({ ...ids, object: 'chat.completion.chunk', choices: [], usage: usageOf(outcome) });

export function completionChunk(ids: CompletionIds, delta: { role?: 'assistant'; content?: string }, finish: 'stop' | null = null) {
  return { ...ids, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] };
}
