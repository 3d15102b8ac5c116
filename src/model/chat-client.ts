// ChatClient over any AI SDK LanguageModelV4: greedy defaults, images, per-attempt timeouts, cancellation,
// retries on transient failures only, and every attempt counted in the accounting.
import type { ModelMessage } from 'ai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { defaults } from '../config/defaults.ts';
import { startAttempt, toChatUsage, type AttemptSettings } from './attempt.ts';
import { createChatStream } from './chat-stream.ts';
import { withRetries, type RetryPolicy } from './retry.ts';
import { toModelMessages } from './to-model-messages.ts';
import { aiSdk } from './sdk-modules.ts';
import type { ChatClient, ChatRequest, ChatResult, ModelAccounting } from './ports.ts';
import { jsonTextOutput, rejectsFormat, weakerFormat, type ResponseFormatMode, type SentFormat } from './response-format.ts';

export interface ChatClientOptions {
  accounting?: ModelAccounting;
  /** How a request's output schema is sent (model/response-format.ts); default auto. */
  responseFormat?: ResponseFormatMode;
  /** Told once when auto steps down because the server rejected a format (the caller turns it into a warning). */
  onFormatDowngrade?: (from: SentFormat, to: SentFormat, reason: string) => void;
  /** Per attempt. */
  timeoutMs?: number;
  maxRetries?: number;
  retryBaseMs?: number;
}

// Our schemas mark optional fields optional, which OpenAI's strict mode refuses; non-strict, a schema still guides
// (OpenAI) or constrains (vLLM, llama.cpp, Ollama) decoding. Keyed by provider name; other providers ignore it.
const NON_STRICT_SCHEMA = { openaiCompatible: { strictJsonSchema: false } };

export function createChatClient(model: LanguageModelV4, options: ChatClientOptions = {}): ChatClient {
  const attempts: AttemptSettings = {
    modelId: model.modelId,
    timeoutMs: options.timeoutMs ?? defaults.model.timeoutMs,
    accounting: options.accounting,
  };
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries ?? defaults.model.maxRetries,
    retryBaseMs: options.retryBaseMs ?? defaults.model.retryBaseMs,
  };
  const configured = options.responseFormat ?? defaults.model.responseFormat;
  // auto starts with the strongest format and keeps whichever the server accepted.
  let format: SentFormat = configured === 'auto' ? 'json_schema' : configured;
  // Messages are converted once, before any attempt: a bad request is the caller's InvalidInputError, not a
  // model failure.
  const settings = (request: ChatRequest, messages: ModelMessage[], signal: AbortSignal) => ({
    model,
    messages,
    allowSystemInMessages: true,
    temperature: request.temperature ?? defaults.model.temperature,
    maxOutputTokens: request.maxOutputTokens ?? defaults.model.maxOutputTokens,
    // Retries are ours (see retry.ts), so the SDK must not retry underneath them.
    maxRetries: 0,
    abortSignal: signal,
    ...(request.prompt ? { headers: { 'x-personavlm-prompt': request.prompt } } : {}),
  });

  async function generateOnce(request: ChatRequest, messages: ModelMessage[], started: number): Promise<ChatResult> {
    const sent = format;
    return withRetries(policy, request.signal, async () => {
      const attempt = startAttempt(attempts, request.purpose, request.signal);
      try {
        const output = request.output && sent !== 'off' ? { output: jsonTextOutput(request.output, sent), providerOptions: NON_STRICT_SCHEMA } : {};
        const result = await aiSdk().generateText({ ...settings(request, messages, attempt.signal), ...output });
        const usage = toChatUsage(result.usage);
        attempt.succeeded(usage);
        return { text: result.text, usage, latencyMs: performance.now() - started, finishReason: result.finishReason };
      } catch (error) {
        throw attempt.failed(error);
      }
    });
  }

  return {
    modelId: model.modelId,
    responseFormat: () => format,
    async generate(request: ChatRequest): Promise<ChatResult> {
      const started = performance.now();
      const messages = toModelMessages(request.messages);
      for (;;) {
        try {
          return await generateOnce(request, messages, started);
        } catch (error) {
          const weaker = configured === 'auto' && request.output ? weakerFormat(format) : null;
          if (!weaker || !rejectsFormat(error)) throw error;
          options.onFormatDowngrade?.(format, weaker, error instanceof Error ? error.message : String(error));
          format = weaker;
        }
      }
    },
    stream(request: ChatRequest) {
      // Streams are the reasoning rounds' prose (<think>/<answer>): no output schema.
      const messages = toModelMessages(request.messages);
      return createChatStream({
        policy,
        signal: request.signal,
        startAttempt: () => startAttempt(attempts, request.purpose, request.signal),
        // Errors arrive as parts of fullStream and are thrown from textStream; the SDK's default onError would
        // only print them a second time.
        open: (signal) => aiSdk().streamText({ ...settings(request, messages, signal), onError: () => undefined }).fullStream,
      });
    },
  };
}
