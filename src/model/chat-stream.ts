// Streaming with the same guarantees as generate. A stream is retried only while it has produced no text:
// after that the caller has already shown the text, and a second attempt would repeat it.
import type { TextStreamPart, ToolSet } from 'ai';
import { ModelCallError } from '../errors/index.ts';
import { waitBeforeRetry, type RetryPolicy } from './retry.ts';
import { toChatUsage, type Attempt } from './attempt.ts';
import type { ChatResult, ChatStream, ChatUsage } from './ports.ts';

export interface ChatStreamOptions {
  policy: RetryPolicy;
  signal: AbortSignal | undefined;
  startAttempt: () => Attempt;
  open: (signal: AbortSignal) => AsyncIterable<TextStreamPart<ToolSet>>;
}

export function createChatStream(options: ChatStreamOptions): ChatStream {
  let resolve: (value: ChatResult) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<ChatResult>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  // The failure is thrown from textStream too; this keeps a caller that only iterates from crashing the
  // process with an unhandled rejection of `result`.
  promise.catch(() => undefined);
  let settled = false;

  async function* textStream(): AsyncGenerator<string> {
    const started = performance.now();
    let emitted = false;
    try {
      for (let index = 0; ; index += 1) {
        const attempt = options.startAttempt();
        let usage: ChatUsage = { inputTokens: 0, outputTokens: 0 };
        let finishReason = 'unknown';
        let text = '';
        try {
          for await (const part of options.open(attempt.signal)) {
            if (part.type === 'text-delta') {
              emitted = true;
              text += part.text;
              yield part.text;
            } else if (part.type === 'error') throw part.error;
            else if (part.type === 'abort') throw attempt.signal.reason ?? new Error('stream aborted');
            else if (part.type === 'finish') {
              usage = toChatUsage(part.totalUsage);
              finishReason = part.finishReason;
            }
          }
          if (finishReason === 'error') throw new Error('the stream ended with finish reason "error"');
          attempt.succeeded(usage);
          settled = true;
          resolve({ text, usage, latencyMs: performance.now() - started, finishReason });
          return;
        } catch (error) {
          const failure = attempt.failed(error);
          if (emitted || !failure.isRetryable || index >= options.policy.maxRetries) throw failure;
          await waitBeforeRetry(options.policy, index, options.signal, failure);
        }
      }
    } catch (error) {
      settled = true;
      reject(error);
      throw error;
    } finally {
      // The consumer stopped early (break): the stream was cancelled, and `result` must still settle.
      if (!settled) {
        reject(new ModelCallError('The stream was closed by its consumer before the model finished.', { isRetryable: false, details: { cancelled: true } }));
      }
    }
  }

  return { textStream: textStream(), result: promise };
}
