// Per-deps bookkeeping that must not live in module globals (two personas in one process stay separate).
import type { RememberDeps } from './deps.ts';
import { createModelAccounting } from '../model/accounting.ts';
import type { ModelAccounting } from '../model/ports.ts';

interface RememberState {
  warned: Set<string>;
  /** Logical model calls made by the update phase, by purpose: the write budget as the caller sees it. */
  calls: ModelAccounting;
  /** Per user: turns this process may still queue before it counts the user's pending jobs again (backpressure.ts). */
  room: Map<string, number>;
}

const states = new WeakMap<RememberDeps, RememberState>();

export function rememberState(deps: RememberDeps): RememberState {
  let state = states.get(deps);
  if (!state) states.set(deps, (state = { warned: new Set(), calls: createModelAccounting(), room: new Map() }));
  return state;
}

/** Emits a warning the first time only, for conditions that hold for every turn (no model configured). */
export function warnOnce(deps: RememberDeps, code: string, message: string, details?: Record<string, unknown>): void {
  const state = rememberState(deps);
  if (state.warned.has(code)) return;
  state.warned.add(code);
  deps.events.warn(code, message, details);
}
