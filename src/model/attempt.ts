// One attempt of a model call: its abort signal (caller's signal + per-attempt timeout) and its accounting.
import type { LanguageModelUsage } from 'ai';
import type { ModelCallError } from '../errors/index.ts';
import { classifyModelError } from './classify-model-error.ts';
import type { ChatUsage, ModelAccounting } from './ports.ts';

export interface Attempt {
  signal: AbortSignal;
  /** Records a success; returns its latency. */
  succeeded(usage: ChatUsage): number;
  /** Records a failure; returns the ModelCallError to throw. */
  failed(error: unknown): ModelCallError;
}

export interface AttemptSettings {
  modelId: string;
  timeoutMs: number;
  accounting: ModelAccounting | undefined;
}

export const toChatUsage = (usage: LanguageModelUsage | undefined): ChatUsage => ({
  inputTokens: usage?.inputTokens ?? 0,
  outputTokens: usage?.outputTokens ?? 0,
});

export function startAttempt(settings: AttemptSettings, purpose: string, callerSignal: AbortSignal | undefined): Attempt {
  const started = performance.now();
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
  const elapsed = (): number => performance.now() - started;
  return {
    signal,
    succeeded(usage) {
      const latencyMs = elapsed();
      settings.accounting?.record(purpose, usage, latencyMs, false);
      return latencyMs;
    },
    failed(error) {
      settings.accounting?.record(purpose, { inputTokens: 0, outputTokens: 0 }, elapsed(), true);
      return classifyModelError(error, {
        modelId: settings.modelId,
        purpose,
        timeoutMs: settings.timeoutMs,
        cancelled: callerSignal?.aborted ?? false,
        timedOut: timeout.aborted,
      });
    },
  };
}
