// POST /v1/chat/completions: an OpenAI-compatible proxy that gives the model behind it a memory. The user is the
// `user` field or the X-Persona-User header (scoped to the key's tenant). The conversation the client sent is
// stored (what was stored before is found, not stored twice), the memory for its last user message goes in as
// one delimited system message, and the request goes to the configured endpoint with the requested model
// (server.proxyModels may restrict or map it). The endpoint's answer comes back untouched, streamed or not, and
// its text is remembered as the assistant's turn. GET /v1/models lists what a client may ask for.
import { Hono } from 'hono';
import { ModelNotConfiguredError } from '../../errors/index.ts';
import { MODEL_HOW_TO_CONFIGURE } from '../../model/from-config.ts';
import { buildUpstreamRequest } from '../proxy-request.ts';
import { answerOf, completionRequestSchema, conversationOf } from '../openai-format.ts';
import { gatherAnswer, parseJson } from '../proxy-stream.ts';
import type { RouteDeps, ServerEnv } from '../server-env.ts';
import { checkUser, scopeUser } from '../tenancy.ts';
import { jsonBody } from '../validate.ts';

const passedHeaders = (response: Response): Record<string, string> => ({
  'content-type': response.headers.get('content-type') ?? 'application/json',
  ...(response.headers.get('content-type')?.startsWith('text/event-stream') ? { 'cache-control': 'no-cache' } : {}),
});

export function openAiRoutes({ persona, now, log, upstream, models }: RouteDeps): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  const endpoint = () => {
    if (!upstream) throw new ModelNotConfiguredError('The OpenAI-compatible proxy', MODEL_HOW_TO_CONFIGURE);
    return upstream;
  };

  app.get('/models', (c) => c.json({ object: 'list', data: models.offered.map((id) => ({ id, object: 'model', created: 0, owned_by: 'personavlm' })) }));

  app.post('/chat/completions', async (c) => {
    const target = endpoint();
    const request = await jsonBody(c, completionRequestSchema);
    const user = scopeUser(c.get('tenant'), checkUser(request.user ?? c.req.header('x-persona-user'), 'The user (the "user" field or the X-Persona-User header)'));
    const model = models.resolve(request.model);
    const conversation = conversationOf(request);
    const at = now();
    const recorded = await persona.recordConversation({ userId: user.internal, messages: conversation, at });
    const question = conversation.findLast((message) => message.role === 'user')!.text;
    const context = await persona.profile.context({
      userId: user.internal,
      question,
      at,
      budgetTokens: persona.config.memory.budgetTokens,
      // The conversation is in the prompt already; the memory adds what is not.
      excludeTurnIds: recorded.turns.map((turn) => turn.id),
    });
    const response = await target.send(buildUpstreamRequest(request, model, context.text), c.req.raw.signal);

    const remember = async (answer: string | null): Promise<void> => {
      if (answer === null) return; // tool calls only: nothing the assistant said yet
      await persona.recordConversation({ userId: user.internal, messages: [{ role: 'assistant', text: answer }], at: now(), after: recorded.key });
    };
    if (!response.ok || !response.body) return new Response(await response.text(), { status: response.status, headers: passedHeaders(response) });
    if (request.stream !== true) {
      const text = await response.text();
      await remember(answerOf(parseJson(text)));
      return new Response(text, { status: response.status, headers: passedHeaders(response) });
    }
    const body = gatherAnswer(response.body, async (answer) => {
      try {
        await remember(answer);
      } catch (error) {
        // The client has the answer already; only the memory of it is missing, and the log says why.
        log(`POST /v1/chat/completions: the streamed answer for ${user.internal} was not stored: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    });
    return new Response(body, { status: response.status, headers: passedHeaders(response) });
  });
  return app;
}
