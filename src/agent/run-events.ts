// The events of one respond()/chat() run: each goes to the run's own listener and to the shared bus, tagged
// with the user so a shared listener can tell concurrent runs apart.
import { EventBus, type PersonaEvent } from '../memory/events.ts';

export interface RunEvents {
  emit(event: { type: string; [field: string]: unknown }): void;
  warn(code: string, message: string, details?: Record<string, unknown>): void;
}

export function createRunEvents(shared: EventBus, userId: string, onEvent?: (event: PersonaEvent) => void): RunEvents {
  // A bus of its own isolates a throwing onEvent exactly as the shared bus isolates its listeners.
  const local = new EventBus();
  if (onEvent) local.on(onEvent);
  local.on((event) => shared.emit(event));
  return {
    emit: (event) => local.emit({ ...event, userId }),
    warn: (code, message, details) => local.emit({ type: 'warning', code, message, userId, ...(details ? { details } : {}) }),
  };
}
