// A recall function for the agent's tests: answers from a script, records every query, and throws on a call
// nobody scripted (the agent retrieved more often than the test expects).
import type { RecallItem, RecallQuery, RecallResult } from '../../retrieval/types.ts';

export function recallItem(item: Partial<RecallItem> & Pick<RecallItem, 'source' | 'id' | 'text'>): RecallItem {
  return {
    tokens: Math.ceil(item.text.length / 4),
    score: 1,
    scoreParts: {},
    at: null,
    sourceTurnIds: [],
    sourceRegions: [],
    imageSha256s: [],
    ...item,
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
