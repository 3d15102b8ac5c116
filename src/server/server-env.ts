// What middleware hands to route handlers through Hono's context.
import type { ChatCompletionsUpstream } from '../model/chat-completions-upstream.ts';
import type { Persona } from '../persona.ts';
import type { ProxyModels } from './proxy-models.ts';

export interface ServerEnv {
  Variables: {
    /** The caller's tenant; null when auth is disabled (a single-tenant local server). */
    tenant: string | null;
  };
}

/** What every route module receives from createServer. */
export interface RouteDeps {
  persona: Persona;
  /** The clock for turns and recalls sent without a time. */
  now: () => Date;
  /** Server-side log for failures whose details a response must not carry. */
  log: (line: string) => void;
  /** The endpoint the OpenAI-compatible proxy forwards to; null when no model is configured. */
  upstream: ChatCompletionsUpstream | null;
  models: ProxyModels;
}
