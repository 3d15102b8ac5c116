// Events the system emits while it works. Warnings are how a degraded path is made visible (never silent).

export interface WarningEvent {
  type: 'warning';
  /** Stable code, e.g. "model_output_repaired", "retrieve_date_ignored", "analyzer_unavailable". */
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface GenericEvent {
  type: Exclude<string, 'warning'>;
  [field: string]: unknown;
}

export type PersonaEvent = WarningEvent | GenericEvent;

export type EventListener = (event: PersonaEvent) => void;

/** A tiny synchronous fan-out; listeners must not throw (a throwing listener is isolated and reported). */
export class EventBus {
  readonly #listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: PersonaEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        if (event.type !== 'warning' || event.code !== 'listener_failed') {
          this.emit({ type: 'warning', code: 'listener_failed', message: `An event listener threw: ${String(error)}` });
        }
      }
    }
  }

  warn(code: string, message: string, details?: Record<string, unknown>): void {
    this.emit({ type: 'warning', code, message, ...(details ? { details } : {}) });
  }
}
