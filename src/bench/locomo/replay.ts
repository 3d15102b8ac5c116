// Replays a LoCoMo conversation through the real ingest path (remember/ingest: stored turns, LLM-free
// enrichment, no model), so the benchmark measures what users run.
import { enrichText } from '../../enrichment/index.ts';
import { EventBus } from '../../memory/events.ts';
import { ingestHistory, rememberConfig, type IngestSummary } from '../../remember/index.ts';
import type { MemoryStore } from '../../store/memory-store.ts';
import type { LocomoConversation } from './load-locomo.ts';

export async function replayConversation(store: MemoryStore, conversation: LocomoConversation, events = new EventBus()): Promise<IngestSummary> {
  return ingestHistory({ store, chat: null, events, enrich: enrichText, config: rememberConfig() }, conversation.sampleId, conversation.history);
}
