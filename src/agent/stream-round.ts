// One model call of the loop, streamed: every round streams because which round answers is known only after
// it; the filter forwards only text inside <answer>, so thinking and retrieve calls never reach the user.
import type { ChatClient, ChatMessage, ChatUsage } from '../model/ports.ts';
import { createAnswerStreamFilter } from '../prompts/reason-answer-stream.ts';

export interface RoundOutput {
  text: string;
  usage: ChatUsage;
  /** The answer text already forwarded as deltas. */
  forwarded: string;
}

export async function streamRound(
  chat: ChatClient,
  messages: ChatMessage[],
  options: { signal?: AbortSignal; onDelta: ((text: string) => void) | null; prompt: string },
): Promise<RoundOutput> {
  const stream = chat.stream({ purpose: 'agent.round', prompt: options.prompt, messages, ...(options.signal ? { signal: options.signal } : {}) });
  const filter = createAnswerStreamFilter();
  let forwarded = '';
  const forward = (text: string): void => {
    if (text === '' || !options.onDelta) return;
    forwarded += text;
    options.onDelta(text);
  };
  for await (const delta of stream.textStream) forward(filter.push(delta));
  forward(filter.end());
  const result = await stream.result;
  return { text: result.text, usage: result.usage, forwarded };
}
