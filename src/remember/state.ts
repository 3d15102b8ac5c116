// Per-deps bookkeeping that must not live in module globals (two personas in one process stay separate).
import type { RememberDeps } from './deps.ts';
import { createModelAccounting } from '../model/accounting.ts';
import type { ModelAccounting } from '../model/ports.ts';

interface RememberState {
  warned: Set<string>;
  /** Logical model calls made by the update phase, by purpose: the write budget as the caller sees it. */
  calls: ModelAccounting;
}

const states = new WeakMap<RememberDeps, RememberState>();

export function rememberState(deps: RememberDeps): RememberState {
  let state = states.get(deps);
  if (!state) states.set(deps, (state = { warned: new Set(), calls: createModelAccounting() }));
  return state;
}

/** Emits a warning the first time only, for conditions that hold for every turn (no model configured). */
export function warnOnce(deps: RememberDeps, code: string, message: string, details?: Record<string, unknown>): void {
  const state = rememberState(deps);
  if (state.warned.has(code)) return;
  state.warned.add(code);
  deps.events.warn(code, message, details);
}
