// The write budget as the update phase spends it: logical model calls by purpose (a retried attempt is one
// call here; the ModelAccounting given to the ChatClient counts attempts), kept in a ModelAccounting of its
// own per deps (state.ts). Reports and tests read it.
import type { CallStats, ChatMessage, ChatResult } from '../model/ports.ts';
import { ModelNotConfiguredError } from '../errors/index.ts';
import type { RememberDeps } from './deps.ts';
import { rememberState } from './state.ts';
import { TruncatedOutputError } from './errors.ts';
import type { PromptRef } from '../prompts/parse/index.ts';
import { outputFormatOf, promptLabel } from '../prompts/output-format.ts';

export interface CallSnapshot {
  total: CallStats;
  byPurpose: Record<string, CallStats>;
}

function add(into: CallStats, from: CallStats, sign: 1 | -1): void {
  into.calls += sign * from.calls;
  into.inputTokens += sign * from.inputTokens;
  into.outputTokens += sign * from.outputTokens;
  into.latencyMs += sign * from.latencyMs;
  into.failures += sign * from.failures;
}

export function modelCallSnapshot(deps: RememberDeps): CallSnapshot {
  return rememberState(deps).calls.snapshot();
}

export function subtractCalls(after: CallSnapshot, before: CallSnapshot): CallSnapshot {
  const total = { ...after.total };
  add(total, before.total, -1);
  const byPurpose: Record<string, CallStats> = {};
  for (const [purpose, stats] of Object.entries(after.byPurpose)) {
    const diff = { ...stats };
    const old = before.byPurpose[purpose];
    if (old) add(diff, old, -1);
    if (diff.calls > 0) byPurpose[purpose] = diff;
  }
  return { total, byPurpose };
}

/**
 * One model call of the update phase, counted under its prompt's id ("remember.turn", "remember.core", …), with the
 * prompt's output schema as structured output where the endpoint takes it.
 */
export async function callModel(deps: RememberDeps, prompt: PromptRef, messages: ChatMessage[], signal?: AbortSignal): Promise<ChatResult> {
  const purpose = prompt.id;
  if (!deps.chat) throw new ModelNotConfiguredError('Remembering', 'Configure a chat model (--model or PERSONAVLM_MODEL) to extract memories.');
  const calls = rememberState(deps).calls;
  const started = performance.now();
  let result: ChatResult;
  try {
    const output = outputFormatOf(prompt);
    result = await deps.chat.generate({ purpose, prompt: promptLabel(prompt), messages, ...(output ? { output } : {}), ...(signal ? { signal } : {}) });
  } catch (error) {
    calls.record(purpose, { inputTokens: 0, outputTokens: 0 }, performance.now() - started, true);
    throw error;
  }
  const truncated = result.finishReason === 'length';
  calls.record(purpose, result.usage, result.latencyMs, truncated);
  if (truncated) throw new TruncatedOutputError(prompt.id, result.usage.outputTokens);
  return result;
}
