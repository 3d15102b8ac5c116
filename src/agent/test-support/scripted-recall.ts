// A recall function for the agent's tests: answers from a script, records every query, and throws on a call
// nobody scripted (the agent retrieved more often than the test expects).
import type { MemoryType } from '../../memory/types.ts';
import { renderMemory, renderSessionItem } from '../../prompts/recall-items.ts';
import type { RecallItem, RecallQuery, RecallResult } from '../../retrieval/types.ts';

/** The text as the real retriever renders it: dated dialogue windows, memories with their type and day. */
function rendered(item: Pick<RecallItem, 'source' | 'text' | 'at'>): string {
  if (!item.at) return item.text;
  if (item.source === 'dialogue') return renderSessionItem(item.at, [[item.text]]);
  const type: MemoryType = item.source === 'image' ? 'semantic' : item.source;
  return renderMemory({ type, content: item.text, eventTime: null, validFrom: item.at, detail: {} });
}

export function recallItem(item: Partial<RecallItem> & Pick<RecallItem, 'source' | 'id' | 'text'>): RecallItem {
  const text = rendered({ source: item.source, text: item.text, at: item.at ?? null });
  return {
    tokens: Math.ceil(text.length / 4),
    score: 1,
    scoreParts: {},
    at: null,
    sourceTurnIds: [],
    sourceRegions: [],
    imageSha256s: [],
    ...item,
    text,
  };
}

export function scriptedRecall(script: RecallItem[][]) {
  const queries: RecallQuery[] = [];
  const remaining = [...script];
  const recall = async (query: RecallQuery): Promise<RecallResult> => {
    queries.push(query);
    const items = remaining.shift();
    if (!items) throw new Error(`scripted recall: call #${queries.length} was not scripted (query "${query.query}", keywords ${JSON.stringify(query.keywords)}).`);
    return { items, totalTokens: items.reduce((sum, item) => sum + item.tokens, 0), ranked: items };
  };
  return { recall, queries, remaining: () => remaining.length };
}
