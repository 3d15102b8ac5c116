// The HTTP server's composition: auth, body limit, routes, one error handler. No I/O here; `serve` listens.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PayloadTooLargeError } from '../errors/index.ts';
import { chatCompletionsUpstream, type ChatCompletionsUpstream } from '../model/chat-completions-upstream.ts';
import type { Persona } from '../persona.ts';
import { proxyModels } from './proxy-models.ts';
import { tenantAuth, type AuthOptions } from './auth.ts';
import { createErrorHandler, notFoundHandler } from './error-handler.ts';
import { inspectorRoutes } from './inspector/inspector-routes.ts';
import { chatRoutes } from './routes/chat.ts';
import { exportRoutes } from './routes/export.ts';
import { imageRoutes } from './routes/images.ts';
import { jobRoutes } from './routes/jobs.ts';
import { mcpRoutes } from './routes/mcp.ts';
import { memoryRoutes } from './routes/memories.ts';
import { openAiRoutes } from './routes/openai.ts';
import { personalityRoutes } from './routes/personality.ts';
import { personRoutes } from './routes/persons.ts';
import { recallRoutes } from './routes/recall.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { turnRoutes } from './routes/turns.ts';
import { userListRoutes, userRoutes } from './routes/users.ts';
import type { RouteDeps, ServerEnv } from './server-env.ts';

export interface ServerOptions {
  persona: Persona;
  auth: AuthOptions;
  /** Default: persona.config.server.maxBodyBytes. */
  maxBodyBytes?: number;
  now?: () => Date;
  /** Where 500s are described in full; default stderr. Never receives API keys. */
  log?: (line: string) => void;
  /** Where /v1/chat/completions forwards; default the configured model endpoint (config.model). */
  upstream?: ChatCompletionsUpstream | null;
}

function configuredUpstream(persona: Persona): ChatCompletionsUpstream | null {
  const model = persona.config.model;
  if (!model) return null;
  return chatCompletionsUpstream({ baseUrl: model.baseUrl, modelId: model.modelId, timeoutMs: model.timeoutMs, ...(model.apiKey ? { apiKey: model.apiKey } : {}) });
}

export function createServer(options: ServerOptions): Hono<ServerEnv> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const upstream = options.upstream === undefined ? configuredUpstream(options.persona) : options.upstream;
  const models = proxyModels(options.persona.config.server.proxyModels, upstream?.defaultModel ?? options.persona.config.model?.modelId ?? 'none');
  const deps: RouteDeps = { persona: options.persona, now: options.now ?? (() => new Date()), log, upstream, models };
  const maxSize = options.maxBodyBytes ?? options.persona.config.server.maxBodyBytes;
  const app = new Hono<ServerEnv>();
  app.onError(createErrorHandler(log));
  app.notFound(notFoundHandler);

  app.get('/healthz', async (c) => {
    const capabilities = await options.persona.capabilities();
    // auth: whether /v1 wants a bearer key (the inspector asks for one only then).
    return c.json({ status: 'ok', engine: capabilities.engine, schemaVersion: capabilities.schemaVersion, model: options.persona.chatModel !== null, auth: 'disabled' in options.auth ? 'none' : 'bearer' });
  });
  app.route('/', inspectorRoutes());

  app.use('/v1/*', tenantAuth(options.auth));
  app.use('/v1/*', bodyLimit({ maxSize, onError: () => { throw new PayloadTooLargeError('The request body in bytes', maxSize + 1, maxSize, { setting: 'PERSONAVLM_MAX_BODY_BYTES (server.maxBodyBytes)' }); } }));
  app.route('/v1', openAiRoutes(deps));
  app.route('/v1/users/:user/turns', turnRoutes(deps));
  app.route('/v1/users/:user/chat', chatRoutes(deps));
  app.route('/v1/users/:user/recall', recallRoutes(deps));
  app.route('/v1/users/:user/memories', memoryRoutes(deps));
  app.route('/v1/users/:user/personality', personalityRoutes(deps));
  app.route('/v1/users/:user/export', exportRoutes(deps));
  app.route('/v1/users/:user/jobs', jobRoutes(deps));
  app.route('/v1/users/:user/images', imageRoutes(deps));
  app.route('/v1/users/:user/persons', personRoutes(deps));
  app.route('/v1/users/:user/sessions', sessionRoutes(deps));
  app.route('/v1/users', userListRoutes(deps));
  app.route('/v1/users/:user/mcp', mcpRoutes(deps));
  app.route('/v1/users/:user', userRoutes(deps));
  return app;
}
