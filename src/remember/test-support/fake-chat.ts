// A ChatClient double for remember's tests: answers from a script keyed by purpose, records every request,
// and throws on a call nobody scripted. (src/test/ holds the project-wide ScriptedChatModel.)
import type { ChatClient, ChatRequest, ChatResult } from '../../model/ports.ts';

export type Responder = (request: ChatRequest, callIndex: number) => string | Promise<string>;

export interface FakeChat extends ChatClient {
  readonly calls: ChatRequest[];
  callsFor(purpose: string): ChatRequest[];
}

export function createFakeChat(script: Record<string, Responder | string[]>): FakeChat {
  const calls: ChatRequest[] = [];
  const counters = new Map<string, number>();
  const fail = (): never => {
    throw new Error('FakeChat: no stream scripted');
  };
  return {
    modelId: 'fake-chat',
    responseFormat: () => 'off',
    calls,
    callsFor: (purpose) => calls.filter((c) => c.purpose === purpose),
    async generate(request): Promise<ChatResult> {
      calls.push(request);
      const index = counters.get(request.purpose) ?? 0;
      counters.set(request.purpose, index + 1);
      const entry = script[request.purpose];
      if (!entry) throw new Error(`FakeChat: unscripted call for purpose "${request.purpose}"`);
      let text: string;
      if (Array.isArray(entry)) {
        if (index >= entry.length) throw new Error(`FakeChat: call ${index + 1} for "${request.purpose}" was not scripted`);
        text = entry[index]!;
      } else text = await entry(request, index);
      const input = request.messages.reduce((sum, m) => sum + Math.ceil(m.content.length / 4), 0);
      return { text, usage: { inputTokens: input, outputTokens: Math.ceil(text.length / 4) }, latencyMs: 1, finishReason: 'stop' };
    },
    stream: fail,
  };
}
