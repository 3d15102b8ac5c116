// The endpoint behind the OpenAI-compatible proxy: a chat-completions request goes out as JSON, the answer comes
// back as the endpoint sent it (status, headers, body stream), so tool calls, logprobs and fields this project
// has never heard of reach the client untouched. Only an endpoint that cannot be reached is an error here.
import { ModelCallError } from '../errors/index.ts';
import { patientFetch } from './openai-compatible-chat-model.ts';

export interface ChatCompletionsUpstreamOptions {
  /** Ends in /v1. */
  baseUrl: string;
  apiKey?: string;
  /** The model a request that names none is answered by. */
  modelId: string;
  /** How long the endpoint may take for the headers and between body chunks. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

export interface ChatCompletionsUpstream {
  readonly defaultModel: string;
  /** The endpoint's response as it came (any status); ModelCallError when it cannot be reached. */
  send(body: Record<string, unknown>, signal?: AbortSignal): Promise<Response>;
}

export function chatCompletionsUpstream(options: ChatCompletionsUpstreamOptions): ChatCompletionsUpstream {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const request = options.fetch ?? patientFetch(options.timeoutMs);
  return {
    defaultModel: options.modelId,
    send: async (body, signal) => {
      try {
        return await request(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: body.stream === true ? 'text/event-stream' : 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
          body: JSON.stringify(body),
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        throw new ModelCallError(`The model endpoint ${url} could not be reached (${error instanceof Error ? error.message : String(error)}). Check model.baseUrl (PERSONAVLM_MODEL_BASE_URL) and that the server is running.`, { cause: error, isRetryable: true, details: { url, model: body.model } });
      }
    },
  };
}
