// The request the endpoint receives: the client's, with the model the proxy resolved and the memory block as
// one system message after the client's own instructions (some chat templates accept system messages only at
// the start). A memory block already in the client's instructions (a conversation that passed through another
// personavlm) is taken out, so the model sees one.
import { stripMemoryContext } from '../prompts/memory-context.ts';
import { isInstruction, type CompletionMessage, type CompletionRequest } from './openai-format.ts';

export function buildUpstreamRequest(request: CompletionRequest, model: string, memoryBlock: string): Record<string, unknown> {
  const { user: _user, ...rest } = request;
  const messages: CompletionMessage[] = [];
  for (const message of request.messages) {
    if (isInstruction(message) && typeof message.content === 'string') {
      const content = stripMemoryContext(message.content);
      if (content !== '') messages.push({ ...message, content });
    } else messages.push(message);
  }
  const firstTurn = messages.findIndex((message) => !isInstruction(message));
  messages.splice(firstTurn === -1 ? messages.length : firstTurn, 0, { role: 'system', content: memoryBlock });
  return { ...rest, model, messages };
}
