// Builds RememberDeps from the configuration for the CLI's ingest and memory commands. The project's single
// composition root (createPersona) may replace this; it is kept small and builds nothing at import time.
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { PersonaConfig } from '../config/schema.ts';
import { EventBus } from '../memory/events.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import { rememberConfig, type RememberDeps, type RememberVision } from './deps.ts';

export async function openStoreFromConfig(config: PersonaConfig): Promise<MemoryStore> {
  const { createStore } = await import('../store/index.ts');
  const { store: settings } = config;
  const blobs = settings.blobDir ? { blobDir: settings.blobDir } : {};
  // PGlite creates its directory but not the parents ("./.personavlm/data" on a first run).
  if (settings.engine === 'pglite') await mkdir(dirname(resolve(settings.dataDir)), { recursive: true });
  const store =
    settings.engine === 'postgres'
      ? createStore({ engine: 'postgres', url: settings.url ?? '', ...blobs })
      : createStore({ engine: 'pglite', dataDir: settings.dataDir, ...blobs });
  await store.open();
  return store;
}

async function visionFromConfig(config: PersonaConfig): Promise<{ vision: RememberVision; close: () => Promise<void> }> {
  const { prepareImage, analyzeImage, createVisionAnalyzers } = await import('../vision/index.ts');
  const analyzers = createVisionAnalyzers();
  const enabled = new Set<string>(config.vision.analyzers);
  const limits = { maxBytes: config.vision.maxImageBytes, maxPixels: config.vision.maxPixels };
  return {
    vision: {
      prepare: (bytes) => prepareImage(bytes, limits),
      analyze: (image) => analyzeImage(image.bytes, { analyzers, enable: { ocr: enabled.has('ocr'), objects: enabled.has('objects'), faces: enabled.has('faces') } }),
    },
    close: () => analyzers.close(),
  };
}

export interface OpenedRemember {
  deps: RememberDeps;
  close(): Promise<void>;
}

export async function openRememberFromConfig(config: PersonaConfig, events: EventBus = new EventBus()): Promise<OpenedRemember> {
  const [{ enrichText }, { chatClientFromConfig, textEmbedderFromConfig }, { createModelAccounting }] = await Promise.all([
    import('../enrichment/index.ts'),
    import('../model/from-config.ts'),
    import('../model/accounting.ts'),
  ]);
  const accounting = createModelAccounting();
  const store = await openStoreFromConfig(config);
  const vision = await visionFromConfig(config);
  const deps: RememberDeps = {
    store,
    chat: chatClientFromConfig(config.model, accounting) ?? null,
    events,
    enrich: enrichText,
    vision: vision.vision,
    embedder: textEmbedderFromConfig(config.embedder, accounting) ?? null,
    accounting,
    config: rememberConfig({ sessionGapMinutes: config.memory.sessionGapMinutes, writeBudget: config.memory.writeBudget }),
  };
  return {
    deps,
    async close() {
      await vision.close();
      await store.close();
    },
  };
}
