// RememberDeps for tests: the real store (a PGlite copy of the migrated template), a capturing event bus, a tiny
// deterministic enricher.
import type { TestContext } from 'node:test';
import { EventBus, type PersonaEvent } from '../../memory/events.ts';
import type { TurnEnrichment } from '../../memory/types.ts';
import type { ChatClient } from '../../model/ports.ts';
import type { MemoryStore } from '../../store/memory-store.ts';
import { openTestStore } from '../../test/test-store.ts';
import { createRetriever } from '../../retrieval/index.ts';
import { rememberConfig, type RememberConfig, type RememberDeps } from '../deps.ts';

export function wordEnrichment(text: string): TurnEnrichment {
  const words = text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 3);
  return { keywords: [...new Set(words)], lemmas: words, entities: [], dates: [], imageText: '' };
}

export interface TestDeps {
  deps: RememberDeps;
  events: PersonaEvent[];
  warnings: (code?: string) => PersonaEvent[];
}

interface TestDepsOverrides {
  chat?: ChatClient | null;
  /** A store the test opened and closes itself; without one, a fresh store is opened and closed after the test. */
  store?: MemoryStore;
  config?: Partial<RememberConfig>;
  enrich?: RememberDeps['enrich'];
}

export async function testDeps(t: TestContext, overrides: TestDepsOverrides = {}): Promise<TestDeps> {
  let store = overrides.store;
  if (!store) {
    const opened = await openTestStore();
    t.after(() => opened.close());
    store = opened;
  }
  const bus = new EventBus();
  const events: PersonaEvent[] = [];
  bus.on((event) => events.push(event));
  const deps: RememberDeps = {
    store,
    memorySearch: createRetriever({ store }),
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
