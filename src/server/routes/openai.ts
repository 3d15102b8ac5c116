// POST /v1/chat/completions: an OpenAI-compatible endpoint that adds memory to the configured model. The user
// is the `user` field or the X-Persona-User header (scoped to the key's tenant); the last user message goes
// through persona.chat, so it is stored, answered with memory, and remembered. Earlier messages are not
// re-stored: the memory already holds them. The answering model is the server's; `model` is echoed as used.
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { describeError } from '../error-handler.ts';
import { completion, completionChunk, completionRequestSchema, lastUserMessage, usageChunk, type CompletionIds } from '../openai-format.ts';
import type { RouteDeps, ServerEnv } from '../server-env.ts';
import { checkUser, scopeUser } from '../tenancy.ts';
import { jsonBody } from '../validate.ts';

export function openAiRoutes({ persona, now, log }: RouteDeps): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.post('/', async (c) => {
    persona.assertChatModel();
    const request = await jsonBody(c, completionRequestSchema);
    const name = checkUser(request.user ?? c.req.header('x-persona-user'), 'The user (the "user" field or the X-Persona-User header)');
    const user = scopeUser(c.get('tenant'), name);
    const message = lastUserMessage(request);
    const input = { userId: user.internal, text: message.text, images: message.images, at: now() };
    const ids: CompletionIds = { id: `chatcmpl-${randomUUID()}`, created: Math.floor(now().getTime() / 1000), model: persona.chatModel?.modelId ?? request.model ?? 'personavlm' };
    if (!request.stream) return c.json(completion(ids, await persona.chat(input)));
    return streamSSE(c, async (stream) => {
      const abort = new AbortController();
      stream.onAbort(() => abort.abort());
      const run = persona.stream({ ...input, signal: abort.signal });
      try {
        await stream.writeSSE({ data: JSON.stringify(completionChunk(ids, { role: 'assistant', content: '' })) });
        for await (const event of run) {
          if (event.type === 'answer.delta') await stream.writeSSE({ data: JSON.stringify(completionChunk(ids, { content: String(event.text) })) });
        }
        const outcome = await run.result;
        await stream.writeSSE({ data: JSON.stringify(completionChunk(ids, {}, 'stop')) });
        if (request.stream_options?.include_usage) await stream.writeSSE({ data: JSON.stringify(usageChunk(ids, outcome)) });
      } catch (error) {
        const { body, internal } = describeError(error, c.get('tenant') ?? null);
        if (internal) log(`POST /v1/chat/completions stream failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        await stream.writeSSE({ data: JSON.stringify(body) });
      }
      await stream.writeSSE({ data: '[DONE]' });
    });
  });
  return app;
}
