// ChatClient over any AI SDK LanguageModelV4: greedy defaults, images, per-attempt timeouts, cancellation,
// retries on transient failures only, and every attempt counted in the accounting.
import { generateText, streamText, type ModelMessage } from 'ai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { defaults } from '../config/defaults.ts';
import { startAttempt, toChatUsage, type AttemptSettings } from './attempt.ts';
import { createChatStream } from './chat-stream.ts';
import { withRetries, type RetryPolicy } from './retry.ts';
import { toModelMessages } from './to-model-messages.ts';
import type { ChatClient, ChatRequest, ChatResult, ModelAccounting } from './ports.ts';

export interface ChatClientOptions {
  accounting?: ModelAccounting;
  /** Per attempt. */
  timeoutMs?: number;
  maxRetries?: number;
  retryBaseMs?: number;
}

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
  });

  return {
    modelId: model.modelId,
    async generate(request: ChatRequest): Promise<ChatResult> {
      const started = performance.now();
      const messages = toModelMessages(request.messages);
      return withRetries(policy, request.signal, async () => {
        const attempt = startAttempt(attempts, request.purpose, request.signal);
        try {
          const result = await generateText(settings(request, messages, attempt.signal));
          const usage = toChatUsage(result.usage);
          attempt.succeeded(usage);
          return { text: result.text, usage, latencyMs: performance.now() - started, finishReason: result.finishReason };
        } catch (error) {
          throw attempt.failed(error);
        }
      });
    },
    stream(request: ChatRequest) {
      const messages = toModelMessages(request.messages);
      return createChatStream({
        policy,
        signal: request.signal,
        startAttempt: () => startAttempt(attempts, request.purpose, request.signal),
        // Errors arrive as parts of fullStream and are thrown from textStream; the SDK's default onError would
        // only print them a second time.
        open: (signal) => streamText({ ...settings(request, messages, signal), onError: () => undefined }).fullStream,
      });
    },
  };
}
