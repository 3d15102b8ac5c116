// A chat model on any OpenAI-compatible endpoint: Ollama, vLLM, llama.cpp server, LM Studio, OpenAI.
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { openAiCompatibleSdk, undici } from './sdk-modules.ts';

export interface OpenAiCompatibleOptions {
  /** Ends in /v1, e.g. http://localhost:11434/v1 for Ollama. */
  baseUrl: string;
  modelId: string;
  apiKey?: string;
  /** For tests and proxies. */
  fetch?: typeof fetch;
  /**
   * How long one call may wait for the server (model.timeoutMs). Node's fetch gives up on a response whose headers
   * take over 5 minutes whatever the caller's timeout, and a slow CPU model or a non-streamed long reply takes
   * longer: the connection waits as long as the call is allowed to (the ChatClient's own timeout still ends it).
   */
  timeoutMs?: number;
}

/** A fetch whose connection waits up to `timeoutMs` for headers and between body chunks. */
export function patientFetch(timeoutMs: number): typeof fetch {
  const { Agent, fetch: undiciFetch } = undici();
  const dispatcher = new Agent({ headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) => undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
}

/** Builds the model object only: no request is made until the first call. */
export function openAiCompatibleChatModel(options: OpenAiCompatibleOptions): LanguageModelV4 {
  const provider = openAiCompatibleSdk().createOpenAICompatible({
    name: 'openai-compatible',
    baseURL: options.baseUrl.replace(/\/+$/, ''),
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.fetch ? { fetch: options.fetch } : options.timeoutMs ? { fetch: patientFetch(options.timeoutMs) } : {}),
    // Token counts of streamed calls, for the accounting; servers that ignore the option are unaffected.
    includeUsage: true,
    // A request's JSON schema goes out as response_format json_schema (json_object when a request asks for that);
    // see model/response-format.ts for which one a client sends.
    supportsStructuredOutputs: true,
  });
  return provider.chatModel(options.modelId);
}
