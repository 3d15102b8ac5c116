// One entry for every history format the CLI imports. Each format's reader produces the neutral History
// that remember/ingest replays; the benchmark loaders are reused, not duplicated.
import { InvalidInputError } from '../errors/index.ts';
import type { History } from '../memory/history.ts';
import { loadJsonlHistory } from '../datasets/jsonl/jsonl-history.ts';

export const HISTORY_FORMATS = ['locomo', 'persona-mme', 'personamem', 'jsonl'] as const;
export type HistoryFormat = (typeof HISTORY_FORMATS)[number];

export interface LoadHistoryOptions {
  /** LoCoMo: sample_id of the conversation (required when the file holds several). PersonaMem: the context id. */
  contextId?: string;
  /** PersonaMem: replay messages [0, endIndex), as a question with that end index sees them. */
  endIndex?: number;
  /** JSONL without session keys: the gap that splits sessions. */
  sessionGapMinutes?: number;
  /** JSONL: the store's limits, so a line over one is reported with the file's other bad lines before any write. */
  maxTextChars?: number;
  maxImageBytes?: number;
}

async function loadLocomoHistory(file: string, contextId: string | undefined): Promise<History> {
  const { loadLocomo } = await import('../datasets/locomo/load-locomo.ts');
  const conversations = await loadLocomo(file);
  const ids = conversations.map((c) => c.sampleId);
  const chosen = contextId ? conversations.find((c) => c.sampleId === contextId) : conversations.length === 1 ? conversations[0] : undefined;
  if (!chosen) {
    throw new InvalidInputError(`${contextId ? `No conversation "${contextId}" in ${file}.` : `${file} holds ${ids.length} conversations.`} Pick one with --context-id (one of: ${ids.join(', ')}).`);
  }
  return chosen.history;
}

async function loadPersonaMemHistory(file: string, contextId: string | undefined, endIndex: number | undefined): Promise<History> {
  if (!contextId) throw new InvalidInputError('PersonaMem contexts files hold many contexts: name one with --context-id.');
  const { loadPersonaMemContexts } = await import('../datasets/personamem/load-contexts.ts');
  const { segmentHistory } = await import('../datasets/personamem/segment-history.ts');
  const messages = (await loadPersonaMemContexts(file, new Set([contextId]))).get(contextId)!;
  if (endIndex !== undefined && (!Number.isInteger(endIndex) || endIndex < 0)) throw new InvalidInputError(`--end-index must be a whole number ≥ 0, got ${endIndex}.`);
  return segmentHistory(contextId, messages, 0, Math.min(endIndex ?? messages.length, messages.length));
}

export async function loadHistory(format: HistoryFormat, file: string, options: LoadHistoryOptions = {}): Promise<History> {
  switch (format) {
    case 'locomo':
      return loadLocomoHistory(file, options.contextId);
    case 'persona-mme': {
      const { loadPersonaMmeUser } = await import('../datasets/persona-mme/load-user.ts');
      return (await loadPersonaMmeUser(file, file)).history;
    }
    case 'personamem':
      return loadPersonaMemHistory(file, options.contextId, options.endIndex);
    case 'jsonl':
      return loadJsonlHistory(file, options);
    default:
      throw new InvalidInputError(`Unknown history format "${String(format)}"; use one of ${HISTORY_FORMATS.join(', ')}.`);
  }
}
