// A recall result as a person (or a model calling a tool) reads it: one block per item with where it came from.
import { formatStamp } from '../memory/stamp.ts';
import { UTC } from '../memory/time-zone.ts';
import type { RecallResult } from './types.ts';

/** Ranked items with their source, time, size, score and provenance, then the totals. */
export function renderRecallResult(result: RecallResult, timeZone: string = UTC): string {
  if (result.items.length === 0) return 'No memory matched.\n';
  const blocks = result.items.map((item, rank) => {
    const when = item.at ? formatStamp(item.at, timeZone) : 'undated';
    const from = item.sourceTurnIds.length > 0 ? `turns ${item.sourceTurnIds.join(', ')}` : 'no source turn';
    return [`#${rank + 1}  ${item.source} · ${when} · ${item.tokens} tokens · score ${item.score.toFixed(3)} · ${from}`, item.text].join('\n');
  });
  return `${blocks.join('\n\n')}\n\n${result.items.length} item(s), ${result.totalTokens} tokens.\n`;
}

