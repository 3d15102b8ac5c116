// POST /v1/users/:user/chat: one turn through the response and update phases. With
// `Accept: text/event-stream` the run's events stream as SSE (event name = event type: answer.delta,
// retrieval.started, retrieval.items, warning, …), then `done` with the outcome, or `error` with the typed error.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ChatInput, ChatOutcome } from '../../agent/chat.ts';
import { describeError } from '../error-handler.ts';
import { readMessage } from '../message-input.ts';
import { externalJson, respond } from '../present.ts';
import type { RouteDeps, ServerEnv } from '../server-env.ts';
import { userOf } from '../tenancy.ts';

const summary = (outcome: ChatOutcome) => ({
  answer: outcome.answer,
  turnIds: outcome.turnIds,
  calls: outcome.calls,
  usage: outcome.usage,
  warnings: outcome.events.filter((event) => event.type === 'warning'),
});

export function chatRoutes({ persona, now, log }: RouteDeps): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.post('/', async (c) => {
    const user = userOf(c);
    // Before reading the body: a server without a model refuses at once, and stores nothing.
    persona.assertChatModel();
    const message = await readMessage(c, { maxTextChars: persona.config.store.maxTextChars });
    const input: ChatInput = { userId: user.internal, text: message.text, images: message.images, at: message.at ?? now() };
    if (!(c.req.header('accept') ?? '').includes('text/event-stream')) {
      const outcome = await persona.chat(input);
      return respond(c, user, { ...summary(outcome), steps: outcome.steps });
    }
    return streamSSE(c, async (stream) => {
      const abort = new AbortController();
      // A client that goes away stops the model calls; the user's turn is already stored.
      stream.onAbort(() => abort.abort());
      const run = persona.stream({ ...input, signal: abort.signal });
      try {
        for await (const event of run) await stream.writeSSE({ event: event.type, data: externalJson(event, user) });
        await stream.writeSSE({ event: 'done', data: externalJson(summary(await run.result), user) });
      } catch (error) {
        const { body, internal } = describeError(error, c.get('tenant') ?? null);
        if (internal) log(`chat stream of ${user.internal} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        await stream.writeSSE({ event: 'error', data: JSON.stringify(body) });
      }
    });
  });
  return app;
}
