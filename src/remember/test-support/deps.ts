// RememberDeps for tests: the in-memory store, a capturing event bus, a tiny deterministic enricher.
import { EventBus, type PersonaEvent } from '../../memory/events.ts';
import type { TurnEnrichment } from '../../memory/types.ts';
import type { ChatClient } from '../../model/ports.ts';
import type { MemoryStore } from '../../store/memory-store.ts';
import { rememberConfig, type RememberConfig, type RememberDeps } from '../deps.ts';
import { createInMemoryStore } from './in-memory-store.ts';

export function wordEnrichment(text: string): TurnEnrichment {
  const words = text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 3);
  return { keywords: [...new Set(words)], lemmas: words, entities: [], dates: [], imageText: '' };
}

export interface TestDeps {
  deps: RememberDeps;
  events: PersonaEvent[];
  warnings: (code?: string) => PersonaEvent[];
}

export function testDeps(overrides: { chat?: ChatClient | null; store?: MemoryStore; config?: Partial<RememberConfig>; enrich?: RememberDeps['enrich'] } = {}): TestDeps {
  const bus = new EventBus();
  const events: PersonaEvent[] = [];
  bus.on((event) => events.push(event));
  const deps: RememberDeps = {
    store: overrides.store ?? createInMemoryStore(),
    chat: overrides.chat ?? null,
    events: bus,
    enrich: overrides.enrich ?? wordEnrichment,
    config: rememberConfig(overrides.config),
  };
  return {
    deps,
    events,
    warnings: (code) => events.filter((e) => e.type === 'warning' && (code === undefined || e.code === code)),
  };
}
