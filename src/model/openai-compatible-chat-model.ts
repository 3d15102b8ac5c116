// A chat model on any OpenAI-compatible endpoint: Ollama, vLLM, llama.cpp server, LM Studio, OpenAI.
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV4 } from '@ai-sdk/provider';

export interface OpenAiCompatibleOptions {
  /** Ends in /v1, e.g. http://localhost:11434/v1 for Ollama. */
  baseUrl: string;
  modelId: string;
  apiKey?: string;
  /** For tests and proxies. */
  fetch?: typeof fetch;
}

/** Builds the model object only: no request is made until the first call. */
export function openAiCompatibleChatModel(options: OpenAiCompatibleOptions): LanguageModelV4 {
  const provider = createOpenAICompatible({
    name: 'openai-compatible',
    baseURL: options.baseUrl.replace(/\/+$/, ''),
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    // Token counts of streamed calls, for the accounting; servers that ignore the option are unaffected.
    includeUsage: true,
    // A request's JSON schema goes out as response_format json_schema (json_object when a request asks for that);
    // see model/response-format.ts for which one a client sends.
    supportsStructuredOutputs: true,
  });
  return provider.chatModel(options.modelId);
}
